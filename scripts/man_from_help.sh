#!/usr/bin/env bash
# Writes the regkg(1) man page (roff) from the program's own --help texts, so the two never
# disagree. Usage: scripts/man_from_help.sh REGKG_BINARY OUT_FILE   (run by the package build)
set -euo pipefail
bin=$1 out=$2
# roff: a backslash is written \e; a line starting with . or ' is protected with \&.
escape() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }
version=$(sed -n 's/^project(regkg VERSION \([0-9.]*\).*/\1/p' "$(dirname "$0")/../CMakeLists.txt")
{
  echo ".TH REGKG 1 \"\" \"regkg ${version}\" \"User Commands\""
  echo ".SH NAME"
  echo "regkg \\- regulatory knowledge graph and query server"
  echo ".SH SYNOPSIS"
  echo ".B regkg"
  echo ".I SUBCOMMAND"
  echo "[\\fIOPTIONS\\fR]"
  echo ".SH DESCRIPTION"
  echo ".nf"
  "$bin" --help | escape
  echo ".fi"
  echo ".SH SUBCOMMANDS"
  for cmd in $("$bin" --help | sed -n '/^Subcommands:/,$p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'); do
    echo ".SS $cmd"
    echo ".nf"
    "$bin" "$cmd" --help | escape
    echo ".fi"
  done
  echo ".SH FILES"
  echo ".TP"
  echo ".I /usr/share/regkg/corpus"
  echo "the embedded default corpus (see its README.md)"
  echo ".TP"
  echo ".I /usr/share/regkg/web"
  echo "the browser UI"
  echo ".TP"
  echo ".I /var/lib/regkg"
  echo "the data directory of regkg.service (snapshots, CURRENT)"
  echo ".TP"
  echo ".I /etc/default/regkg"
  echo "settings of regkg.service and regkg-follow.service"
  echo ".SH SEE ALSO"
  echo "systemctl(1), nginx(8)"
} > "$out"
