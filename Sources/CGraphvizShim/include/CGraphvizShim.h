// What chaintrace adds to Graphviz's C API: a deterministic DOT reader, the start-up checks
// it relies on, and huge pages for a large layout's heap. Written for Graphviz 2.42/2.43 (see
// reader.c); Swift checks the version first.
#ifndef CHAINTRACE_CGRAPHVIZ_SHIM_H
#define CHAINTRACE_CGRAPHVIZ_SHIM_H

#include <stddef.h>
#include <graphviz/cgraph.h>

/// Sends one long warning so cgraph grows its message buffer once, up front.
///
/// Graphviz 2.42 reuses a consumed va_list when a message needs more than 1,024 bytes, which
/// corrupts long messages; after this call the buffer is already large. Install an error
/// callback that drops the warning first.
void chaintrace_graphviz_grow_message_buffer(void);

/// Whether the linked libcgraph exports the lexer restart the reader needs (`aagrestart`).
int chaintrace_graphviz_has_lexer_restart(void);

/// Reads one graph from DOT text with object ids in order of first appearance; NULL on a syntax
/// error. Text after the first graph is never read. Call only after
/// `chaintrace_graphviz_has_lexer_restart()` returned 1.
Agraph_t *chaintrace_graphviz_read(const char *text, size_t length);

/// A range of the calling thread's malloc heap backed by huge pages for one layout (see heap.c).
typedef struct {
    void *start;
    size_t length;
} chaintrace_heap_range;

/// Grows the calling thread's malloc heap by about `bytes`, for a layout about to allocate that much
/// on this thread, in a few steps instead of a page at a time. With `huge_pages`, backs that part
/// with 2 MiB pages and returns it: only for 4 MiB or more, on Linux, when the system gives huge
/// pages on request (madvise mode); otherwise returns an empty range.
chaintrace_heap_range chaintrace_graphviz_prepare_heap(size_t bytes, int huge_pages);

/// Gives a range from `chaintrace_graphviz_prepare_heap` back to the system's default page size.
void chaintrace_graphviz_restore_heap(chaintrace_heap_range range);

#endif
