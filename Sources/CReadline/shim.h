#ifndef COACH_CREADLINE_SHIM_H
#define COACH_CREADLINE_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <readline/readline.h>
#include <readline/history.h>

/* readline keeps its configuration in mutable C globals, which Swift 6 strict
   concurrency cannot touch directly. These accessors keep every such access in
   one place; coach calls them only from the thread that runs the terminal. */

static inline void coach_rl_configure(const char *name) {
    rl_readline_name = name;
    /* coach handles SIGINT, SIGTERM, SIGHUP and SIGWINCH itself, in its poll loop. */
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    /* Do not export LINES and COLUMNS into the environment. */
    rl_change_environment = 0;
}

/* Sends the prompt and echo to standard error, leaving standard output for a result. */
static inline void coach_rl_use_stderr(void) { rl_outstream = stderr; }

static inline void coach_rl_set_completion(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}

/* Stop readline from falling back to file-name completion when we offer nothing. */
static inline void coach_rl_set_completion_over(int on) { rl_attempted_completion_over = on; }

static inline const char *coach_rl_line_buffer(void) { return rl_line_buffer; }
static inline int coach_rl_end(void) { return rl_end; }

/* Discards what is being typed (Ctrl-C): readline's own handler would do this. */
static inline void coach_rl_discard_line(void) {
    rl_free_line_state();
    rl_callback_sigcleanup();
    rl_replace_line("", 0);
    rl_point = 0;
    rl_end = 0;
}

/* Hides the prompt and the line being typed, so text can be printed in their place;
   returns the typed text (malloc'd) for coach_rl_show_prompt. */
static inline char *coach_rl_hide_prompt(int *point) {
    *point = rl_point;
    char *saved = rl_copy_text(0, rl_end);
    rl_save_prompt();
    rl_replace_line("", 0);
    rl_redisplay();
    return saved;
}

/* Draws the prompt and the typed text again, on a fresh line, after printing. */
static inline void coach_rl_show_prompt(char *saved, int point) {
    rl_restore_prompt();
    rl_replace_line(saved ? saved : "", 0);
    rl_point = point;
    rl_redisplay();
    free(saved);
}

/* The most recent history entry's text, or NULL. */
static inline const char *coach_history_last(void) {
    HIST_ENTRY *entry = history_get(history_base + history_length - 1);
    return entry ? entry->line : NULL;
}

static inline char *coach_rl_strdup(const char *text) {
    /* readline frees completion strings with free(): hand it malloc'd memory. */
    size_t length = strlen(text) + 1;
    char *copy = malloc(length);
    if (copy) { memcpy(copy, text, length); }
    return copy;
}

#endif
