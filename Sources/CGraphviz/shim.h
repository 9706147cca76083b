// The Graphviz headers chaintrace uses, from the system (libgraphviz-dev); none are copied here.
#ifndef CHAINTRACE_CGRAPHVIZ_SHIM_H
#define CHAINTRACE_CGRAPHVIZ_SHIM_H

#include <stdio.h>
#include <stdlib.h>
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

/*
 * Object ids in order of first appearance.
 *
 * cgraph's default id discipline uses the address of each interned name as the object's id, and
 * keeps subgraphs ordered by id: a second graph read by the same process (whose heap is no longer
 * fresh) then lays its clusters out in another order, and the same DOT text gives different SVG.
 * This discipline numbers named objects 2, 4, 6, ... as they are first seen and anonymous ones
 * 1, 3, 5, ..., so layout depends on the text alone.
 */
typedef struct {
    char **names;      /* names[k] has id 2(k + 1) */
    size_t count, capacity;
    size_t *slots;     /* open addressing: index + 1 into names, 0 when empty */
    size_t slotCount;  /* a power of two, at least twice count */
    IDTYPE anonymous;
} chaintrace_ids;

static inline size_t chaintrace_ids_hash(const char *text) {
    size_t hash = 1469598103934665603u;
    for (; *text; text++) hash = (hash ^ (unsigned char)*text) * 1099511628211u;
    return hash;
}

static inline void *chaintrace_ids_open(Agraph_t *graph, Agdisc_t *disc) {
    (void)graph; (void)disc;
    chaintrace_ids *ids = calloc(1, sizeof *ids);
    if (ids) ids->anonymous = 1;
    return ids;
}

static inline int chaintrace_ids_grow(chaintrace_ids *ids) {
    if (ids->count == ids->capacity) {
        size_t capacity = ids->capacity ? 2 * ids->capacity : 64;
        char **names = realloc(ids->names, capacity * sizeof *names);
        if (!names) return 0;
        ids->names = names;
        ids->capacity = capacity;
    }
    if (2 * (ids->count + 1) > ids->slotCount) {
        size_t slotCount = ids->slotCount ? 2 * ids->slotCount : 128;
        size_t *slots = calloc(slotCount, sizeof *slots);
        if (!slots) return 0;
        for (size_t k = 0; k < ids->count; k++) {
            size_t at = chaintrace_ids_hash(ids->names[k]) & (slotCount - 1);
            while (slots[at]) at = (at + 1) & (slotCount - 1);
            slots[at] = k + 1;
        }
        free(ids->slots);
        ids->slots = slots;
        ids->slotCount = slotCount;
    }
    return 1;
}

static inline long chaintrace_ids_map(void *state, int type, char *name, IDTYPE *id, int create) {
    (void)type;
    chaintrace_ids *ids = state;
    if (!name) {
        *id = ids->anonymous;
        ids->anonymous += 2;
        return 1;
    }
    if (ids->slotCount) {
        size_t at = chaintrace_ids_hash(name) & (ids->slotCount - 1);
        for (; ids->slots[at]; at = (at + 1) & (ids->slotCount - 1)) {
            if (strcmp(ids->names[ids->slots[at] - 1], name) == 0) {
                *id = 2 * (IDTYPE)ids->slots[at];
                return 1;
            }
        }
    }
    if (!create) {
        *id = 0;
        return 1;
    }
    char *copy = strdup(name);
    if (!copy || !chaintrace_ids_grow(ids)) {
        free(copy);
        return 0;
    }
    ids->names[ids->count++] = copy;
    size_t at = chaintrace_ids_hash(copy) & (ids->slotCount - 1);
    while (ids->slots[at]) at = (at + 1) & (ids->slotCount - 1);
    ids->slots[at] = ids->count;
    *id = 2 * (IDTYPE)ids->count;
    return 1;
}

static inline long chaintrace_ids_alloc(void *state, int type, IDTYPE request) {
    (void)state; (void)type; (void)request;
    return 0;
}

static inline void chaintrace_ids_free(void *state, int type, IDTYPE id) {
    (void)state; (void)type; (void)id;
}

static inline char *chaintrace_ids_print(void *state, int type, IDTYPE id) {
    (void)type;
    chaintrace_ids *ids = state;
    if (id == 0 || id % 2 != 0 || id / 2 > ids->count) return NULL;
    return ids->names[id / 2 - 1];
}

static inline void chaintrace_ids_close(void *state) {
    chaintrace_ids *ids = state;
    for (size_t k = 0; k < ids->count; k++) free(ids->names[k]);
    free(ids->names);
    free(ids->slots);
    free(ids);
}

static inline void chaintrace_ids_register(void *state, int type, void *object) {
    (void)state; (void)type; (void)object;
}

/* cgraph's lexer (flex, prefix "aag"); exported by libcgraph, declared in no public header. */
extern void aagrestart(FILE *input);

/// Reads one graph from DOT text (through fmemopen and cgraph's standard memory and FILE
/// disciplines) with ids in order of appearance; NULL on a syntax error. Text after the first
/// graph is never read.
static inline Agraph_t *chaintrace_graphviz_read(const char *text, size_t length) {
    static Agiddisc_t ids = {
        chaintrace_ids_open, chaintrace_ids_map, chaintrace_ids_alloc, chaintrace_ids_free,
        chaintrace_ids_print, chaintrace_ids_close, chaintrace_ids_register,
    };
    static Agdisc_t discipline;
    discipline.mem = &AgMemDisc;
    discipline.id = &ids;
    discipline.io = &AgIoDisc;
    if (length == 0) return NULL;
    FILE *file = fmemopen((void *)text, length, "r");
    if (!file) return NULL;
    /* The lexer keeps what it read ahead past the end of a graph and would parse it on the next
       call: restart it on this stream first, so every read starts from its own text. */
    aagrestart(file);
    Agraph_t *graph = agread(file, &discipline);
    fclose(file);
    return graph;
}

#endif
