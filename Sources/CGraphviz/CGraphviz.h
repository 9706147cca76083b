// The Graphviz headers chaintrace uses, from the system (libgraphviz-dev); none are copied here.
// The C that chaintrace adds lives in the CGraphvizShim target.
#ifndef CHAINTRACE_CGRAPHVIZ_H
#define CHAINTRACE_CGRAPHVIZ_H

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#endif
