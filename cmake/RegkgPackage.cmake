# Installation and the Debian package (issue 21): `cmake --install` puts the program in bin/, the
# web UI and the embedded corpus in share/regkg/, the man page, the systemd units and
# /etc/default/regkg; `cpack -G DEB` (scripts/package.sh) makes regkg_<version>_<arch>.deb of it.
include(GNUInstallDirs)

install(TARGETS regkg RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${REGKG_SOURCE_ROOT}/web/ DESTINATION ${CMAKE_INSTALL_DATADIR}/regkg/web
        PATTERN ".*" EXCLUDE)
install(DIRECTORY ${REGKG_SOURCE_ROOT}/corpus/ DESTINATION ${CMAKE_INSTALL_DATADIR}/regkg/corpus
        PATTERN ".*" EXCLUDE)

# The man page, written from `regkg --help` after the program is built.
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/regkg.1.gz
  COMMAND bash ${REGKG_SOURCE_ROOT}/scripts/man_from_help.sh $<TARGET_FILE:regkg>
          ${CMAKE_BINARY_DIR}/regkg.1
  COMMAND gzip -9nf ${CMAKE_BINARY_DIR}/regkg.1
  DEPENDS regkg ${REGKG_SOURCE_ROOT}/scripts/man_from_help.sh
  COMMENT "Writing the regkg(1) man page from --help")
# Not part of `all` (sanitizer builds would run their instrumented binary): scripts/package.sh
# builds it before cpack.
add_custom_target(regkg_man DEPENDS ${CMAKE_BINARY_DIR}/regkg.1.gz)
install(FILES ${CMAKE_BINARY_DIR}/regkg.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 OPTIONAL)

# systemd units and their settings (absolute destinations: the package owns these paths).
install(FILES ${REGKG_SOURCE_ROOT}/deploy/regkg.service ${REGKG_SOURCE_ROOT}/deploy/regkg-follow.service
        DESTINATION /lib/systemd/system)
install(FILES ${REGKG_SOURCE_ROOT}/deploy/regkg.default DESTINATION /etc/default RENAME regkg)
# nginx-regkg.conf includes the other two from /usr/share/regkg/deploy/ (tests/deploy runs them).
install(FILES ${REGKG_SOURCE_ROOT}/deploy/nginx-regkg.conf ${REGKG_SOURCE_ROOT}/deploy/nginx-regkg-http.conf
              ${REGKG_SOURCE_ROOT}/deploy/nginx-regkg-server.conf
        DESTINATION ${CMAKE_INSTALL_DATADIR}/regkg/deploy)
install(PROGRAMS ${REGKG_SOURCE_ROOT}/deploy/regkg-push-snapshot.sh
        DESTINATION ${CMAKE_INSTALL_DATADIR}/regkg/deploy)
install(FILES ${REGKG_SOURCE_ROOT}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME regkg)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "regkg maintainers <regkg@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "regulatory knowledge graph and query server")
set(CPACK_PACKAGE_DESCRIPTION
    "Reads Chinese and English regulation texts and news into a graph of instruments, versions,\n"
    "articles, obligations, actors and citations with a Xapian index, and serves them as a JSON\n"
    "API and a browser UI. Includes an embedded default corpus and systemd units.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # the library dependencies from the binary (dpkg-shlibdeps)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${CMAKE_BINARY_DIR}/deb/conffiles")
file(WRITE ${CMAKE_BINARY_DIR}/deb/conffiles "/etc/default/regkg\n")
include(CPack)
