// `regkg serve` with extra options for the graph API tests: the shared launcher.
#pragma once

#include "tests/server_process.h"

namespace regkg::test {
using ServeProcess = RegkgServer;
}  // namespace regkg::test
