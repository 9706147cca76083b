/*
 * Object ids in order of first appearance.
 *
 * cgraph's default id discipline uses the address of each interned name as the object's id, and
 * keeps subgraphs ordered by id: a second graph read by the same process (whose heap is no longer
 * fresh) then lays its clusters out in another order, and the same DOT text gives different SVG.
 * This discipline numbers named objects 2, 4, 6, ... as they are first seen and anonymous ones
 * 1, 3, 5, ..., so layout depends on the text alone.
 */
#include "ids.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char **names;      /* names[k] has id 2(k + 1) */
    size_t count, capacity;
    size_t *slots;     /* open addressing: index + 1 into names, 0 when empty */
    size_t slotCount;  /* a power of two, at least twice count */
    IDTYPE anonymous;
} ordered_ids;

static size_t hash(const char *text) {
    size_t value = 1469598103934665603u;
    for (; *text; text++) value = (value ^ (unsigned char)*text) * 1099511628211u;
    return value;
}

static void *ids_open(Agraph_t *graph, Agdisc_t *disc) {
    (void)graph; (void)disc;
    ordered_ids *ids = calloc(1, sizeof *ids);
    if (ids) ids->anonymous = 1;
    return ids;
}

static int grow(ordered_ids *ids) {
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
            size_t at = hash(ids->names[k]) & (slotCount - 1);
            while (slots[at]) at = (at + 1) & (slotCount - 1);
            slots[at] = k + 1;
        }
        free(ids->slots);
        ids->slots = slots;
        ids->slotCount = slotCount;
    }
    return 1;
}

static long ids_map(void *state, int type, char *name, IDTYPE *id, int create) {
    (void)type;
    ordered_ids *ids = state;
    if (!name) {
        *id = ids->anonymous;
        ids->anonymous += 2;
        return 1;
    }
    if (ids->slotCount) {
        size_t at = hash(name) & (ids->slotCount - 1);
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
    if (!copy || !grow(ids)) {
        free(copy);
        return 0;
    }
    ids->names[ids->count++] = copy;
    size_t at = hash(copy) & (ids->slotCount - 1);
    while (ids->slots[at]) at = (at + 1) & (ids->slotCount - 1);
    ids->slots[at] = ids->count;
    *id = 2 * (IDTYPE)ids->count;
    return 1;
}

static long ids_alloc(void *state, int type, IDTYPE request) {
    (void)state; (void)type; (void)request;
    return 0;
}

static void ids_free(void *state, int type, IDTYPE id) {
    (void)state; (void)type; (void)id;
}

static char *ids_print(void *state, int type, IDTYPE id) {
    (void)type;
    ordered_ids *ids = state;
    if (id == 0 || id % 2 != 0 || id / 2 > ids->count) return NULL;
    return ids->names[id / 2 - 1];
}

static void ids_close(void *state) {
    ordered_ids *ids = state;
    for (size_t k = 0; k < ids->count; k++) free(ids->names[k]);
    free(ids->names);
    free(ids->slots);
    free(ids);
}

static void ids_register(void *state, int type, void *object) {
    (void)state; (void)type; (void)object;
}

Agiddisc_t chaintrace_ordered_ids = {
    ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register,
};
