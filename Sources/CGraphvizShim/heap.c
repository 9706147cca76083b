/*
 * The heap of one layout: grown in a few steps before Graphviz starts, and for a large graph
 * backed by huge pages.
 *
 * dot's layout walks its nodes, edges and their records all over a heap of tens of megabytes
 * (about 38 MB for 3,000 nodes), in 4 KiB pages: measured on a 3,000-node graph, 10,400 page
 * faults, and on this virtual machine, where a TLB miss walks two page tables, about 10 % of the
 * layout's CPU time went with them (the `dot` program runs 10 % faster with glibc's
 * glibc.malloc.hugetlb=1, which only a new process can set). Here the layout thread grows its own
 * malloc heap to the size the layout will need and backs that part with 2 MiB pages, before
 * Graphviz allocates anything, and gives the range back to the system's default afterwards.
 *
 * No memory is handed out by anyone but malloc, and Graphviz's output stays the same: where its
 * objects land in the heap does not decide their order (see ids.c).
 */
#define _GNU_SOURCE
#include "CGraphvizShim.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#ifdef __linux__
#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25 /* Linux 6.1; older kernels refuse it with EINVAL */
#endif

enum {
    /* Below glibc's smallest mmap threshold (128 KiB), so each block comes from the thread's heap. */
    block = 120 << 10,
    huge = 2 << 20,
};

/*
 * Whether the system leaves huge pages to madvise: then advising and un-advising a range is the
 * whole change. With "always" the heap may get huge pages anyway, and with "never" the system
 * asked for none, so nothing is done in either case. Read for each large layout (microseconds).
 */
static int huge_pages_on_request(void) {
    int answer = 0;
    FILE *file = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (file) {
        char text[128] = {0};
        if (fgets(text, sizeof text, file)) answer = strstr(text, "[madvise]") != NULL;
        fclose(file);
    }
    return answer;
}

static int by_address(const void *a, const void *b) {
    uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
    return (x > y) - (x < y);
}

/*
 * Takes about `bytes` of this thread's heap in blocks and gives them back. glibc grows a thread's
 * heap page by page as it is used, one mprotect call a page (480 of them for a small diagram),
 * and keeps it grown once freed; taking the blocks grows it 120 KiB a call, and touches no page
 * but each block's header. Freed, the blocks go back to the heap's top, where the layout's
 * allocations will come from. Returns the longest run of adjacent blocks (a chunk header apart):
 * memory of this heap only.
 */
static chaintrace_heap_range grow(size_t bytes) {
    chaintrace_heap_range none = {NULL, 0};
    size_t count = bytes / block;
    uintptr_t *blocks = count ? malloc(count * sizeof *blocks) : NULL;
    if (!blocks) return none;
    size_t made = 0;
    for (; made < count; made++) {
        void *taken = malloc(block);
        if (!taken) break;
        blocks[made] = (uintptr_t)taken;
    }
    qsort(blocks, made, sizeof *blocks, by_address);
    size_t first = 0, length = 0;
    for (size_t start = 0, k = 1; k <= made; k++) {
        if (k == made || blocks[k] - blocks[k - 1] > block + 64) {
            if (k - start > length) { first = start; length = k - start; }
            start = k;
        }
    }
    chaintrace_heap_range run = none;
    if (length) {
        run.start = (void *)blocks[first];
        run.length = blocks[first + length - 1] + block - blocks[first];
    }
    /* In order of address, so they merge into the top once, with one trim. */
    for (size_t k = 0; k < made; k++) free((void *)blocks[k]);
    free(blocks);
    return run;
}
#endif

chaintrace_heap_range chaintrace_graphviz_prepare_heap(size_t bytes, int huge_pages) {
    chaintrace_heap_range none = {NULL, 0};
#ifdef __linux__
    if (!huge_pages || bytes < 2 * (size_t)huge || !huge_pages_on_request()) {
        (void)grow(bytes);
        return none;
    }
    chaintrace_heap_range run = grow(bytes);
    uintptr_t low = ((uintptr_t)run.start + huge - 1) & ~(uintptr_t)(huge - 1);
    uintptr_t high = ((uintptr_t)run.start + run.length) & ~(uintptr_t)(huge - 1);
    if (!run.length || high < low + 2 * (uintptr_t)huge) return none;
    chaintrace_heap_range range = {(void *)low, high - low};
    if (madvise(range.start, range.length, MADV_HUGEPAGE) != 0) {
        /* Part of the range is gone (the main thread's heap, trimmed by brk): undo the rest. */
        (void)madvise(range.start, range.length, MADV_NOHUGEPAGE);
        return none;
    }
    /* The headers' pages left page tables behind, and a fault only gets a huge page where there
       is none yet: collapsing now (zeroed 2 MiB pages, the headers copied) backs the range. Where
       no table was left (the kernel frees empty ones), faults get huge pages themselves, and the
       call says EINVAL for those parts; it is not needed for correctness either way. */
    (void)madvise(range.start, range.length, MADV_COLLAPSE);
    return range;
#else
    (void)bytes;
    (void)huge_pages;
    return none;
#endif
}

void chaintrace_graphviz_restore_heap(chaintrace_heap_range range) {
#ifdef __linux__
    /* With huge pages on request, "no huge pages" is the default; the pages that are huge stay
       so until glibc returns them. */
    if (range.length) (void)madvise(range.start, range.length, MADV_NOHUGEPAGE);
#else
    (void)range;
#endif
}
