# Finds regkg's Debian-packaged dependencies; fails naming the package to install.
find_package(PkgConfig)
if(NOT PkgConfig_FOUND)
  message(FATAL_ERROR "pkg-config not found: apt-get install pkg-config (or run scripts/setup.sh)")
endif()

macro(regkg_require found_var debian_package what)
  if(NOT ${found_var})
    message(FATAL_ERROR "${what} not found: apt-get install ${debian_package} (or run scripts/setup.sh)")
  endif()
endmacro()

find_package(Boost 1.74 QUIET COMPONENTS graph)
regkg_require(Boost_FOUND libboost-graph-dev "Boost.Graph 1.74")

find_package(RapidJSON 1.1 QUIET CONFIG)
regkg_require(RapidJSON_FOUND rapidjson-dev "RapidJSON 1.1")
add_library(regkg_rapidjson INTERFACE)
target_include_directories(regkg_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})
# std::string support in RapidJSON's Value API.
target_compile_definitions(regkg_rapidjson INTERFACE RAPIDJSON_HAS_STDSTRING=1)

# cpp-httplib is a compiled library whose ABI depends on the -D flags in its .pc file:
# always link it through pkg-config (see ../shared/docs/TOOLCHAIN.md).
pkg_check_modules(HTTPLIB QUIET IMPORTED_TARGET cpp-httplib>=0.11)
regkg_require(HTTPLIB_FOUND libcpp-httplib-dev "cpp-httplib 0.11")

find_package(Xapian 1.4 QUIET CONFIG)
regkg_require(Xapian_FOUND libxapian-dev "Xapian 1.4")
add_library(regkg_xapian INTERFACE)
target_include_directories(regkg_xapian SYSTEM INTERFACE ${XAPIAN_INCLUDE_DIR})
target_link_libraries(regkg_xapian INTERFACE ${XAPIAN_LIBRARIES})

# OpenCC: traditional/simplified Chinese folding in the index (index/script_folding.h).
pkg_check_modules(OPENCC QUIET IMPORTED_TARGET opencc>=1.1)
regkg_require(OPENCC_FOUND libopencc-dev "OpenCC 1.1")

find_package(CLI11 2.1 QUIET CONFIG)
regkg_require(CLI11_FOUND libcli11-dev "CLI11 2.1")

find_package(Threads REQUIRED)

if(REGKG_BUILD_TESTS)
  find_package(doctest 2.4 QUIET CONFIG)
  regkg_require(doctest_FOUND doctest-dev "doctest 2.4")
endif()
