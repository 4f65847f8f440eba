#!/usr/bin/env bash
# Checks what the build, the tests and the demo need on this machine, and says how to get what is missing.
# Sourced by test.sh and demo.sh; exits non-zero with one message per missing tool.
missing=0
need() { # command, how to get it
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "missing prerequisite: $1 — $2" >&2
    missing=1
  fi
}
need java "install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless)"
need mvn "install Apache Maven 3.8+ (Debian: apt-get install maven)"
need python3 "install Python 3 (Debian: apt-get install python3); the scripts use it to find free ports"
need curl "install curl (Debian: apt-get install curl)"
if command -v java >/dev/null 2>&1; then
  java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  if [ -n "$java_major" ] && [ "${java_major%%.*}" -lt 17 ]; then
    echo "missing prerequisite: Java 17 or newer (found $java_major)" >&2
    missing=1
  fi
fi
[ "$missing" -eq 0 ] || exit 1
