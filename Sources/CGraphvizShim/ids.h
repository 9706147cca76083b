// The id discipline of chaintrace's reader (ids.c); internal to this target.
#ifndef CHAINTRACE_IDS_H
#define CHAINTRACE_IDS_H

#include <graphviz/cgraph.h>

/// Object ids in order of first appearance, so layout depends on the DOT text alone.
extern Agiddisc_t chaintrace_ordered_ids;

#endif
