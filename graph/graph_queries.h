// The graph query library in one include: neighbours and neighbourhoods, shortest paths, the
// instrument-level citation network and ranking. See each header for errors and thread-safety.
#pragma once

#include "graph/citation_network.h"
#include "graph/neighborhood.h"
#include "graph/path_finder.h"
#include "graph/query_types.h"
