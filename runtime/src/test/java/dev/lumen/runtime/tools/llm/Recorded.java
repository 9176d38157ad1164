package dev.lumen.runtime.tools.llm;

/** Reply bodies in the form OpenAI's and Anthropic's APIs return them (ids and figures as they might be). */
final class Recorded {
    private Recorded() {
    }

    static final String OPENAI_REPLY = """
            {
              "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
              "object": "chat.completion",
              "created": 1741569952,
              "model": "gpt-4o-mini-2024-07-18",
              "choices": [
                {
                  "index": 0,
                  "message": {
                    "role": "assistant",
                    "content": "{\\"vendor\\": \\"Acme\\", \\"total\\": 12.5}",
                    "refusal": null,
                    "annotations": []
                  },
                  "logprobs": null,
                  "finish_reason": "stop"
                }
              ],
              "usage": {
                "prompt_tokens": 19,
                "completion_tokens": 10,
                "total_tokens": 29,
                "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                  "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
              },
              "service_tier": "default",
              "system_fingerprint": "fp_06737a9306"
            }""";

    /** A reasoning model that spent max_completion_tokens thinking and wrote nothing. */
    static final String OPENAI_LENGTH_NO_TEXT = """
            {
              "id": "chatcmpl-C1xYlength",
              "object": "chat.completion",
              "created": 1754000000,
              "model": "gpt-5-mini-2025-08-07",
              "choices": [{"index": 0, "message": {"role": "assistant", "content": "", "refusal": null, "annotations": []},
                           "finish_reason": "length"}],
              "usage": {"prompt_tokens": 25, "completion_tokens": 300, "total_tokens": 325,
                        "completion_tokens_details": {"reasoning_tokens": 300}}
            }""";

    static final String OPENAI_CUT_SHORT = """
            {
              "id": "chatcmpl-C2cut",
              "object": "chat.completion",
              "created": 1754000001,
              "model": "gpt-4o-mini-2024-07-18",
              "choices": [{"index": 0, "message": {"role": "assistant", "content": "{\\"vendor\\": \\"Ac", "refusal": null},
                           "finish_reason": "length"}],
              "usage": {"prompt_tokens": 19, "completion_tokens": 5, "total_tokens": 24}
            }""";

    static final String OPENAI_REFUSAL = """
            {
              "id": "chatcmpl-C3refusal",
              "object": "chat.completion",
              "created": 1754000002,
              "model": "gpt-4o-2024-08-06",
              "choices": [{"index": 0, "message": {"role": "assistant", "content": null,
                           "refusal": "I'm sorry, I can't help with that request."}, "finish_reason": "stop"}],
              "usage": {"prompt_tokens": 30, "completion_tokens": 11, "total_tokens": 41}
            }""";

    static final String OPENAI_NO_CHOICES = """
            {"id": "chatcmpl-C4empty", "object": "chat.completion", "created": 1754000003, "model": "llama3.2",
             "choices": [], "usage": {"prompt_tokens": 12, "completion_tokens": 0, "total_tokens": 12}}""";

    /** Ollama's OpenAI-compatible endpoint, which reports usage but no refusal member. */
    static final String OLLAMA_REPLY = """
            {"id": "chatcmpl-455", "object": "chat.completion", "created": 1754000004, "model": "llama3.2",
             "system_fingerprint": "fp_ollama",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "Paris."}, "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 31, "completion_tokens": 3, "total_tokens": 34}}""";

    /** A server that leaves out usage (some llama.cpp builds, proxies). */
    static final String OPENAI_WITHOUT_USAGE = """
            {"id": "chatcmpl-6", "object": "chat.completion", "created": 1754000005, "model": "local",
             "choices": [{"index": 0, "message": {"role": "assistant", "content": "Paris."}, "finish_reason": "stop"}]}""";

    static final String OPENAI_BAD_KEY = """
            {
              "error": {
                "message": "Incorrect API key provided: sk-bad. You can find your API key at https://platform.openai.com/account/api-keys.",
                "type": "invalid_request_error",
                "param": null,
                "code": "invalid_api_key"
              }
            }""";

    static final String OPENAI_RATE_LIMITED = """
            {
              "error": {
                "message": "Rate limit reached for gpt-4o-mini in organization org-abc on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.",
                "type": "requests",
                "param": null,
                "code": "rate_limit_exceeded"
              }
            }""";

    static final String OPENAI_SERVER_ERROR = """
            {
              "error": {
                "message": "The server had an error while processing your request. Sorry about that!",
                "type": "server_error",
                "param": null,
                "code": null
              }
            }""";

    static final String ANTHROPIC_REPLY = """
            {
              "id": "msg_013Zva2CMHLNnXjNJJKqJ2EF",
              "type": "message",
              "role": "assistant",
              "model": "claude-sonnet-4-5-20250929",
              "content": [
                {"type": "thinking", "thinking": "The user wants JSON.", "signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"},
                {"type": "text", "text": "{\\"vendor\\": \\"Acme\\", "},
                {"type": "text", "text": "\\"total\\": 12.5}"}
              ],
              "stop_reason": "end_turn",
              "stop_sequence": null,
              "usage": {
                "input_tokens": 2095,
                "cache_creation_input_tokens": 0,
                "cache_read_input_tokens": 100,
                "output_tokens": 503,
                "service_tier": "standard"
              }
            }""";

    static final String ANTHROPIC_REFUSAL = """
            {"id": "msg_01Refusal", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
             "content": [], "stop_reason": "refusal", "stop_sequence": null,
             "usage": {"input_tokens": 40, "output_tokens": 0}}""";

    static final String ANTHROPIC_BAD_KEY = """
            {"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"},
             "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"}""";

    static final String ANTHROPIC_OVERLOADED = """
            {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"},
             "request_id": "req_011CSHoEeqs5C35K2UUqR7Fz"}""";
}
