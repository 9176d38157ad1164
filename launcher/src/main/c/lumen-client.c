/*
 * The daemon's native client (docs/spec/daemon.md §3): what bin/lumen runs for a command the warm daemon serves,
 * so that a command costs a process start and a round trip instead of a JVM's start. It speaks the same wire as
 * the JVM client (DaemonClient), and hands the command over to that client (exec, same arguments) for anything
 * beyond talking to a daemon of its own build that listens: starting one, a stale one, a runtime directory not
 * made yet.
 *
 *   lumen-client JAR N WORD... ARG...
 *
 * JAR is the launcher jar (it names the daemon and its build), the N words the JVM client's command line, and the
 * ARGs the lumen command line.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define PROTOCOL_VERSION 1
#define MAX_FRAME (64u << 20)
#define EXIT_INTERNAL 101
#define EXIT_INTERRUPTED 130
#define REPEAT_NANOS 500000000LL

extern char **environ;

static char **jvm_client;      /* the JVM client's command line followed by the lumen arguments, NULL-ended */
static volatile sig_atomic_t interrupts;

/* Runs the JVM client instead, with the same command line: it knows how to start a daemon. */
static void hand_over(void) {
    execv(jvm_client[0], jvm_client);
    fprintf(stderr, "lumen: cannot run the daemon's client %s: %s\n", jvm_client[0], strerror(errno));
    exit(EXIT_INTERNAL);
}

static void fail(const char *what) {
    fprintf(stderr, "lumen: the daemon cannot be reached: %s\n  = help: LUMEN_DAEMON=0 runs lumen without it\n", what);
    exit(EXIT_INTERNAL);
}

/* A growing byte buffer: the request is built in one, then sent as one frame. */
typedef struct {
    unsigned char *bytes;
    size_t length, capacity;
} buffer;

static void put(buffer *b, const void *bytes, size_t n) {
    if (b->length + n > b->capacity) {
        b->capacity = (b->length + n) * 2 + 256;
        b->bytes = realloc(b->bytes, b->capacity);
        if (b->bytes == NULL) fail("out of memory");
    }
    memcpy(b->bytes + b->length, bytes, n);
    b->length += n;
}

static void put_int(buffer *b, uint32_t v) {
    unsigned char be[4] = {v >> 24, v >> 16, v >> 8, v};
    put(b, be, 4);
}

static void put_string(buffer *b, const char *s, size_t n) {
    put_int(b, (uint32_t) n);
    put(b, s, n);
}

/* 64-bit FNV-1a as hex without leading zeros: DaemonFiles' name for an installation. */
static void fnv1a(const char *text, char out[17]) {
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *) text; *p; p++) {
        hash = (hash ^ *p) * 0x100000001b3ULL;
    }
    snprintf(out, 17, "%llx", (unsigned long long) hash);
}

/* The user's runtime directory (§2), or 0 when it is not there yet or not the user's alone (the JVM client says). */
static int runtime_directory(char *dir, size_t size) {
    const char *named = getenv("LUMEN_RUNTIME_DIR");
    const char *xdg = getenv("XDG_RUNTIME_DIR");
    struct stat st;
    if (named != NULL && *named) {
        snprintf(dir, size, "%s", named);
    } else if (xdg != NULL && *xdg && stat(xdg, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(dir, size, "%s/lumen", xdg);
    } else {
        snprintf(dir, size, "/tmp/lumen-%u", (unsigned) getuid());
    }
    return lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid() && (st.st_mode & 0777) == 0700;
}

/* Build.of: the jars beside the launcher jar, by count, total size and latest modification (ms). */
static void build_of(const char *jar, char *out, size_t size) {
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", jar);
    char *slash = strrchr(dir, '/');
    if (slash == NULL) hand_over();
    *slash = 0;
    DIR *d = opendir(dir);
    if (d == NULL) hand_over();
    long long count = 0, total = 0, latest = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 4, ".jar") != 0) continue;
        struct stat st;
        if (fstatat(dirfd(d), e->d_name, &st, 0) != 0) continue;
        count++;
        total += st.st_size;
        long long ms = (long long) st.st_mtim.tv_sec * 1000 + st.st_mtim.tv_nsec / 1000000;
        if (ms > latest) latest = ms;
    }
    closedir(d);
    snprintf(out, size, "%lld-%lld-%lld", count, total, latest);
}

static void write_all(int fd, const unsigned char *bytes, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, bytes, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return; /* a closed pipe: the output is dropped, as the JVM client's would be */
        bytes += w;
        n -= (size_t) w;
    }
}

static void send_frame(int sock, char type, const unsigned char *payload, uint32_t n) {
    unsigned char header[5] = {(unsigned char) type, n >> 24, n >> 16, n >> 8, n};
    buffer b = {0};
    put(&b, header, 5);
    put(&b, payload, n);
    size_t off = 0;
    while (off < b.length) {
        ssize_t w = send(sock, b.bytes + off, b.length - off, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) fail("the connection to the daemon broke");
        off += (size_t) w;
    }
    free(b.bytes);
}

/* Reads exactly n bytes; returns 0 at the end of the stream before the first byte. */
static int read_fully(int sock, unsigned char *into, size_t n) {
    size_t off = 0;
    while (off < n) {
        ssize_t r = recv(sock, into + off, n - off, 0);
        if (r < 0 && errno == EINTR) continue; /* a Ctrl-C: the main loop passes it on after this frame */
        if (r < 0) fail(strerror(errno));
        if (r == 0) {
            if (off == 0) return 0;
            fail("the daemon closed the connection within a frame");
        }
        off += (size_t) r;
    }
    return 1;
}

static void on_interrupt(int signal) {
    (void) signal;
    interrupts++;
}

static long long now_nanos(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

static uint32_t int_of(const unsigned char *p) {
    return ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) | ((uint32_t) p[2] << 8) | p[3];
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: lumen-client JAR N WORD... ARG...\n");
        return EXIT_INTERNAL;
    }
    int words = atoi(argv[2]);
    if (words < 1 || 3 + words > argc) {
        fprintf(stderr, "lumen-client: %d words of the JVM client, and %d arguments in all\n", words, argc);
        return EXIT_INTERNAL;
    }
    jvm_client = argv + 3;
    char jar[PATH_MAX];
    if (realpath(argv[1], jar) == NULL) hand_over();

    char dir[PATH_MAX - 64], socket_path[PATH_MAX], name[17], build[96];
    if (!runtime_directory(dir, sizeof dir)) hand_over();
    fnv1a(jar, name);
    snprintf(socket_path, sizeof socket_path, "%s/daemon-%s.sock", dir, name);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(socket_path) >= sizeof address.sun_path) hand_over();
    strcpy(address.sun_path, socket_path);
    int sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (sock < 0 || connect(sock, (struct sockaddr *) &address, sizeof address) != 0) hand_over();
    build_of(jar, build, sizeof build);

    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) == NULL) fail("the working directory is gone");
    buffer request = {0};
    put_int(&request, PROTOCOL_VERSION);
    put_string(&request, build, strlen(build));
    unsigned char command = 0;
    put(&request, &command, 1);
    put_string(&request, cwd, strlen(cwd));
    uint32_t variables = 0;
    for (char **e = environ; *e; e++) {
        if (strchr(*e, '=') != NULL) variables++;
    }
    put_int(&request, variables);
    for (char **e = environ; *e; e++) {
        char *eq = strchr(*e, '=');
        if (eq == NULL) continue;
        put_string(&request, *e, (size_t) (eq - *e));
        put_string(&request, eq + 1, strlen(eq + 1));
    }
    int arguments = argc - 3 - words;
    put_int(&request, (uint32_t) arguments);
    for (int i = 0; i < arguments; i++) {
        put_string(&request, argv[3 + words + i], strlen(argv[3 + words + i]));
    }
    unsigned char terminal = isatty(2) ? 1 : 0;
    put(&request, &terminal, 1);

    /*
     * Ctrl-C: the first is passed on, another half a second later ends the client. Handled even when the client
     * started with SIGINT ignored (a job of a shell without job control), as the JVM client and a JVM of its own
     * handle it: such a job gets one only from an explicit kill.
     */
    struct sigaction action = {.sa_handler = on_interrupt}; /* no SA_RESTART: poll wakes up */
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    send_frame(sock, 'R', request.bytes, (uint32_t) request.length);
    free(request.bytes);

    int passed = 0;
    long long first_interrupt = 0;
    uint32_t wanted = 0; /* bytes of standard input the daemon asked for, 0 for none */
    unsigned char *payload = NULL;
    for (;;) {
        if (interrupts > passed) {
            passed = interrupts;
            if (first_interrupt == 0) {
                first_interrupt = now_nanos();
                send_frame(sock, 'C', NULL, 0);
            } else if (now_nanos() - first_interrupt > REPEAT_NANOS) {
                return EXIT_INTERRUPTED;
            }
        }
        struct pollfd fds[2] = {{.fd = sock, .events = POLLIN}, {.fd = 0, .events = POLLIN}};
        int ready = poll(fds, wanted > 0 ? 2 : 1, -1);
        if (ready < 0) {
            if (errno == EINTR) continue;
            fail(strerror(errno));
        }
        if (wanted > 0 && fds[1].revents) {
            unsigned char *in = malloc(wanted);
            if (in == NULL) fail("out of memory");
            ssize_t n = read(0, in, wanted);
            if (n < 0 && errno == EINTR) {
                free(in);
                continue;
            }
            send_frame(sock, 'I', in, n > 0 ? (uint32_t) n : 0);
            free(in);
            wanted = 0;
        }
        if (!fds[0].revents) continue;
        unsigned char header[5];
        if (!read_fully(sock, header, 5)) {
            fprintf(stderr, "lumen: the daemon ended before the command did (its log: %s/daemon-%s.log)\n", dir, name);
            return EXIT_INTERNAL;
        }
        uint32_t length = int_of(header + 1);
        if (length > MAX_FRAME) fail("a frame too long");
        payload = realloc(payload, length > 0 ? length : 1);
        if (payload == NULL) fail("out of memory");
        read_fully(sock, payload, length);
        switch (header[0]) {
            case 'O': write_all(1, payload, length); break;
            case 'E': write_all(2, payload, length); break;
            case 'N':
                if (length != 4) fail("a malformed input request");
                wanted = int_of(payload) > 0 ? int_of(payload) : 1;
                break;
            case 'X':
                if (length != 4) fail("a malformed exit status");
                return (int) int_of(payload);
            case 'B':
                close(sock); /* a daemon of another build, which has stopped listening: the JVM client starts ours */
                hand_over();
                break;
            default: fail("a frame of an unknown type");
        }
    }
}
