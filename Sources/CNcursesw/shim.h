// The ncursesw surface that Swift cannot import on its own: wide-character declarations need
// NCURSES_WIDECHAR before the header, and the attribute macros and globals need wrapping.
// After changing this file, remove .build once: an incremental build can keep a stale module.
#ifndef TRACKSCOPE_CNCURSESW_SHIM_H
#define TRACKSCOPE_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *trackscope_stdscr(void) { return stdscr; }
static inline int trackscope_lines(void) { return LINES; }
static inline int trackscope_cols(void) { return COLS; }
static inline int trackscope_colors(void) { return COLORS; }
static inline int trackscope_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t trackscope_a_normal(void) { return A_NORMAL; }
static inline attr_t trackscope_a_bold(void) { return A_BOLD; }
static inline attr_t trackscope_a_underline(void) { return A_UNDERLINE; }
static inline attr_t trackscope_a_reverse(void) { return A_REVERSE; }
static inline attr_t trackscope_a_dim(void) { return A_DIM; }
static inline attr_t trackscope_color_pair(int pair) { return COLOR_PAIR(pair); }
static inline int trackscope_key_resize(void) { return KEY_RESIZE; }
static inline int trackscope_err(void) { return ERR; }

/// Builds a cchar_t from a NUL-terminated text (a spacing character and up to CCHARW_MAX - 1
/// combining marks) with attributes and a colour pair (any pair number: extended colours).
static inline int trackscope_setcchar_text(cchar_t *out, const wchar_t *text, attr_t attrs, int pair) {
    return setcchar(out, text, attrs, (short)(pair < 0x7FFF ? pair : 0), &pair);
}

/// The columns the C library (and so ncurses) gives a character; declared here because glibc
/// declares it only under _XOPEN_SOURCE.
extern int wcwidth(wchar_t c);
static inline int trackscope_wcwidth(wchar_t c) { return wcwidth(c); }

#endif
