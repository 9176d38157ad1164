package dev.lumen.runtime.tools.llm;

import java.net.http.HttpHeaders;

/** A provider endpoint's HTTP response: its status, headers and body text (UTF-8). */
record HttpAnswer(int status, HttpHeaders headers, String body) {

    boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
