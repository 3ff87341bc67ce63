// Writes the generated OpenAPI document (what GET /api/v1/openapi.json serves) to the file named
// by the first argument, for the Redocly lint test (lint.sh); no server, no snapshot needed.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "server/api_routes.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: openapi_dump OUT.json\n";
    return 2;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << regkg::server::openapi_document() << '\n';
  out.close();
  if (!out) {
    std::perror(argv[1]);
    return 1;
  }
  return 0;
}
