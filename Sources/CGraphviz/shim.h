// The Graphviz headers chaintrace uses, from the system (libgraphviz-dev); none are copied here.
#ifndef CHAINTRACE_CGRAPHVIZ_SHIM_H
#define CHAINTRACE_CGRAPHVIZ_SHIM_H

#include <string.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

/// Sends one long warning so cgraph grows its message buffer once, up front.
///
/// Graphviz 2.42 reuses a consumed va_list when a message needs more than 1,024 bytes, which
/// corrupts long messages; after this call the buffer is already large. The text has no
/// conversion specifiers (agerr is variadic, so Swift cannot call it directly).
static inline void chaintrace_graphviz_grow_message_buffer(void) {
    char text[8193];
    memset(text, '.', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    agerr(AGWARN, text);
}

#endif
