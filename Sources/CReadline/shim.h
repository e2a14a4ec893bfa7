#ifndef COACH_CREADLINE_SHIM_H
#define COACH_CREADLINE_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>
#include <readline/history.h>

/* readline's configuration lives in mutable C globals, which Swift 6 strict
   concurrency cannot touch directly. These accessors keep every such access in
   one place, called only from the terminal thread. */

static inline void coach_rl_set_readline_name(const char *name) { rl_readline_name = name; }
static inline void coach_rl_set_catch_signals(int on) { rl_catch_signals = on; rl_catch_sigwinch = on; }
static inline void coach_rl_set_completion(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}
static inline void coach_rl_set_completion_over(int on) { rl_attempted_completion_over = on; }
static inline const char *coach_rl_line_buffer(void) { return rl_line_buffer; }
static inline int coach_rl_point(void) { return rl_point; }
static inline void coach_rl_set_done(int done) { rl_done = done; }
static inline FILE *coach_rl_instream(void) { return rl_instream; }
static inline void coach_rl_set_instream(FILE *stream) { rl_instream = stream; }
static inline void coach_rl_set_outstream(FILE *stream) { rl_outstream = stream; }
static inline char *coach_rl_strdup(const char *text) {
    /* readline frees completion strings with free(); hand it malloc'd memory. */
    size_t length = strlen(text) + 1;
    char *copy = malloc(length);
    if (copy) { memcpy(copy, text, length); }
    return copy;
}
static inline char **coach_rl_completion_matches(const char *text, rl_compentry_func_t *generator) {
    return rl_completion_matches(text, generator);
}

#endif
