#!/usr/bin/env bash
# The steps of the kravkoll GitHub Action (action.yml at the repository root), kept in a
# script so that tests/action.rs can run them outside GitHub with the same environment
# variables the runner sets.
#
#   key      a fingerprint of the sources the binary is built from (the cache key; the
#            action's checkout lies outside the workspace, where hashFiles() cannot see)
#   install  build kravkoll from the action's own checkout into $KRAVKOLL_BIN_DIR (skipped
#            on a cache hit) and put it on the PATH of later steps
#   check    run `kravkoll check` with the action's inputs; record the exit code and the
#            SARIF path as step outputs; never fails itself, so the SARIF upload still runs
#   result   fail the job with kravkoll's exit code
set -euo pipefail

step=${1:?usage: kravkoll-action.sh key|install|check|result}

case "$step" in
key)
  cd "${GITHUB_ACTION_PATH:?}"
  key=$(find Cargo.toml Cargo.lock build.rs src policies -type f -print0 | LC_ALL=C sort -z |
    xargs -0 sha256sum | sha256sum | cut -c1-32)
  echo "key=$key" >>"${GITHUB_OUTPUT:?}"
  ;;

install)
  bin_dir=${KRAVKOLL_BIN_DIR:?}
  if [ "${KRAVKOLL_CACHE_HIT:-}" != "true" ] || [ ! -x "$bin_dir/bin/kravkoll" ]; then
    if ! command -v cargo >/dev/null 2>&1; then
      echo "::error title=kravkoll::cargo is not on PATH; add a Rust toolchain step (e.g. dtolnay/rust-toolchain@stable) before the kravkoll action"
      exit 2
    fi
    cargo install --locked --quiet --path "${GITHUB_ACTION_PATH:?}" --root "$bin_dir"
  fi
  echo "$bin_dir/bin" >>"${GITHUB_PATH:?}"
  "$bin_dir/bin/kravkoll" --version
  ;;

check)
  sarif=${KRAVKOLL_SARIF:?}
  args=(check "${INPUT_PATH:-.}" --fail-on "${INPUT_FAIL_ON:-error}" -o github -o "sarif:$sarif")
  [ -n "${INPUT_AS_OF:-}" ] && args+=(--as-of "$INPUT_AS_OF")
  [ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
  [ -n "${INPUT_LANG:-}" ] && args+=(--lang "$INPUT_LANG")
  if [ -n "${INPUT_ARGS:-}" ]; then
    # Word-split like a command line, without running anything the input might contain.
    read -r -a extra <<<"$INPUT_ARGS"
    args+=("${extra[@]}")
  fi
  echo "kravkoll ${args[*]}"
  set +e
  kravkoll "${args[@]}"
  code=$?
  set -e
  echo "exit-code=$code" >>"${GITHUB_OUTPUT:?}"
  # Exit code 2 means nothing was evaluated; a SARIF file from an earlier run must not be
  # uploaded as if it were this one's.
  if [ "$code" -ne 2 ] && [ -s "$sarif" ]; then
    echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"
  else
    echo "sarif-file=" >>"$GITHUB_OUTPUT"
  fi
  ;;

result)
  code=${EXIT_CODE:?}
  case "$code" in
  0) echo "kravkoll: no finding at or above the fail-on severity" ;;
  1) echo "::error title=kravkoll::findings at or above the fail-on severity (see the annotations and the step summary)" ;;
  *) echo "::error title=kravkoll::the evidence or the command could not be read (exit code $code); see the check step's log" ;;
  esac
  exit "$code"
  ;;

*)
  echo "unknown step: $step (key, install, check or result)" >&2
  exit 2
  ;;
esac
