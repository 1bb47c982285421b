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

/// Builds a cchar_t for one character with attributes and a colour pair, for wadd_wch.
static inline int trackscope_setcchar(cchar_t *out, wchar_t ch, attr_t attrs, short pair) {
    wchar_t text[2] = { ch, 0 };
    return setcchar(out, text, attrs, pair, NULL);
}

#endif
