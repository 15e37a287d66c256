#!/usr/bin/env python3
"""kravkoll's engine (regorus) against OPA on the same policies and the same input document.

For each evidence repository given:

1. kravkoll checks it with KRAVKOLL_DUMP_INPUT and KRAVKOLL_DUMP_FINDINGS set: the input
   document its policies see, and the findings each package returned (before the catalog
   filters them);
2. kravkoll checks it ROUNDS more times with KRAVKOLL_PROFILE=1: each package's evaluation
   CPU time, measured on the evaluating thread;
3. OPA (the Go library in the PyPI package opa-golib-python-bindings, called through its
   C ABI with the input already encoded, so that no Python work is counted) loads every
   non-test .rego file of policies/ and evaluates each package's `findings` on that input
   document, ROUNDS times. The first round includes OPA's query preparation; the CPU time
   OPA spends parsing the input JSON on every call (measured with a rule that does nothing)
   is subtracted to give OPA's net evaluation time. The functions kravkoll adds to Rego
   (kravkoll.number, kravkoll.quantity, kravkoll.interval_text) are stand-ins in Python
   there, their time subtracted too; so findings are compared by what they are about
   (control, record, item, field, event date) and differing messages only counted.

It prints per package and in total: findings of each engine, whether they are the same
set, and CPU milliseconds of each engine, and the ratio OPA ÷ kravkoll (above 1: kravkoll
evaluates more per CPU-second). Exit code 1 when the findings differ anywhere.

Run through benches/opa/compare.sh, which sets everything up; docs/performance.md.
"""

import argparse
import ctypes
import json
import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

try:
    from opa_bindings import OpaEngine
except ImportError:
    sys.exit(
        "OPA is not available: install it with\n"
        "  python3 -m venv /tmp/opa-venv\n"
        "  /tmp/opa-venv/bin/pip install --ignore-requires-python opa-golib-python-bindings==0.4.4\n"
        "and run this script with /tmp/opa-venv/bin/python (see docs/performance.md)"
    )

PACKAGE_LINE = re.compile(
    r"^kravkoll: package (\S+)\.findings wall ([\d.]+) ms cpu ([\d.]+) ms findings (\d+)$"
)
NOOP = "package kravkoll_bench_noop\n\nnoop := true\n"


def _both(f):
    return {"sv": f("sv"), "en": f("en")}


def _plain(x):
    return f"{x:g}" if isinstance(x, (int, float)) else str(x)


# Stand-ins for the functions kravkoll adds to Rego (src/engine/extensions.rs), which OPA
# lacks. They return values of the same shape but do not format numbers the way kravkoll
# does, so messages that contain their output differ between the engines; findings are
# therefore compared by what they are about, and messages only counted. Their CPU time is
# Python's and is subtracted from OPA's.
STAND_INS = {
    "kravkoll.number": lambda x, places: _both(lambda l: f"{x:.{int(places)}f}"),
    "kravkoll.quantity": lambda x, unit: _both(lambda l: f"{_plain(x)} {unit}"),
    "kravkoll.interval_text": lambda name, value, overridden: {
        "value": _both(lambda l: _plain(value)),
        "note": _both(lambda l: f" ({name})"),
        "text": _both(lambda l: f"{_plain(value)} ({name})"),
    },
}


class Opa:
    """One OPA engine, called through the bridge's C functions directly."""

    def __init__(self, policies):
        # The high-level engine registers the stand-ins (it owns their callbacks); calls
        # then go straight to the C functions with its handle.
        self.engine = OpaEngine()
        self.lib = self.engine._lib
        self.handle = self.engine._handle
        self.stand_in_cpu = 0.0
        self.stand_in_calls = 0
        for name, fn in STAND_INS.items():
            arity = fn.__code__.co_argcount
            self.engine.register_function(name, self._timed(fn), arity=arity)
        self.modules = 0
        for path in sorted(pathlib.Path(policies).rglob("*.rego")):
            if path.name.endswith("_test.rego"):
                continue
            self._call(self.lib.OpaAddPolicy, self.handle, str(path).encode(), path.read_bytes())
            self.modules += 1
        self._call(self.lib.OpaAddPolicy, self.handle, b"kravkoll_bench_noop.rego", NOOP.encode())

    def _timed(self, fn):
        def call(*args):
            cpu = time.process_time()
            try:
                return fn(*args)
            finally:
                self.stand_in_cpu += time.process_time() - cpu
                self.stand_in_calls += 1

        return call

    def _call(self, fn, *args):
        ptr = fn(*args)
        return self._result(ptr)

    def _result(self, ptr):
        if not ptr:
            raise RuntimeError("the OPA bridge returned NULL")
        try:
            raw = ctypes.string_at(ptr)
        finally:
            self.lib.OpaFreeString(ptr)
        envelope = json.loads(raw)
        if envelope.get("error"):
            raise RuntimeError(f"OPA: {envelope['error']}")
        return envelope

    def query(self, query, input_bytes):
        """Evaluates `x := ...`; returns x."""
        ptr = self.lib.OpaEvalQuery(self.handle, query.encode(), input_bytes, 0, 0)
        rs = self._result(ptr).get("result") or []
        return rs[0]["bindings"]["x"]

    def eval(self, path, input_bytes):
        """Evaluates data.<path>; returns its value, or None when it is undefined."""
        ptr = self.lib.OpaEvalDocument(self.handle, path.encode(), input_bytes, 0, 0)
        rs = self._result(ptr).get("result") or []
        if not rs or not rs[0].get("expressions"):
            return None
        return rs[0]["expressions"][0]["value"]


IDENTITY = ("control", "record", "item", "field", "event_date")


def render(template, args, lang):
    """A message template (`{"sv": …, "en": …, "args": […]}`) as kravkoll renders it: `%s`,
    `%v`, `%d`, `%%`, an argument in both languages taken in `lang`. Enough for the
    comparison; kravkoll's own tests hold its renderer to regorus's `sprintf`."""
    def text(v, quoted=False):
        if isinstance(v, dict) and "sv" in v and "en" in v and not quoted:
            v = v[lang]
        if v is None:
            return "null"
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False) if quoted else v
        if isinstance(v, list):
            return "[" + ", ".join(text(x, True) for x in v) + "]"
        if isinstance(v, dict):
            return "{" + ", ".join(f"{text(k, True)}: {text(x, True)}" for k, x in sorted(v.items())) + "}"
        return str(v)
    out, it, i = [], iter(args), 0
    while i < len(template):
        c = template[i]
        if c == "%" and i + 1 < len(template):
            verb = template[i + 1]
            out.append("%" if verb == "%" else text(next(it)))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def rendered(findings):
    """Template messages of an engine's raw findings as text, like kravkoll's."""
    for f in findings or []:
        m = f.get("message")
        if isinstance(m, dict) and "args" in m:
            f["message"] = {lang: render(m[lang], m["args"], lang) for lang in ("sv", "en")}
    return findings


def canonical(findings, identity_only=False):
    """Findings as comparable strings: absent and null members are the same; with
    `identity_only`, only what a finding is about (control, record, item, field, date)."""
    out = set()
    for f in findings or []:
        f = {k: v for k, v in f.items() if v is not None and (not identity_only or k in IDENTITY)}
        out.add(json.dumps(f, sort_keys=True, ensure_ascii=False))
    return out


def kravkoll_run(binary, repo, as_of, env_extra):
    env = dict(os.environ, NO_COLOR="1", **env_extra)
    p = subprocess.run(
        [binary, "check", repo, "--as-of", as_of, "--format", "json"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if p.returncode not in (0, 1):
        sys.exit(f"kravkoll check {repo} exited with {p.returncode}:\n{p.stderr[-4000:]}")
    return p.stderr


def kravkoll_cpu(stderr):
    """package (data.kravkoll.x) → CPU milliseconds of its evaluation."""
    out = {}
    for line in stderr.splitlines():
        m = PACKAGE_LINE.match(line)
        if m:
            out[m.group(1)] = float(m.group(3))
    return out


def compare(args, repo):
    with tempfile.TemporaryDirectory() as tmp:
        input_path = os.path.join(tmp, "input.json")
        findings_path = os.path.join(tmp, "findings.json")
        kravkoll_run(
            args.kravkoll,
            repo,
            args.as_of,
            {"KRAVKOLL_DUMP_INPUT": input_path, "KRAVKOLL_DUMP_FINDINGS": findings_path},
        )
        input_bytes = pathlib.Path(input_path).read_bytes()
        ours = json.loads(pathlib.Path(findings_path).read_text())
    records = sum(len(v) for k, v in json.loads(input_bytes).items() if isinstance(v, list))
    print(f"\n## {repo}: {records} records, input document {len(input_bytes) / 1048576:.1f} MiB, as of {args.as_of}\n")

    krav = {}
    for _ in range(args.rounds):
        for pkg, ms in kravkoll_cpu(kravkoll_run(args.kravkoll, repo, args.as_of, {"KRAVKOLL_PROFILE": "1"})).items():
            krav.setdefault(pkg, []).append(ms)

    opa = Opa(args.policies)
    packages = sorted(ours)
    everything = "x := [" + ", ".join(f"{p}.findings" for p in packages) + "]"
    # Go collects garbage in the background, after a call has returned. So calls are timed
    # in blocks of the same call, with a pause at each end for the collector to finish, and
    # each call is charged its share of the block: its own garbage included, its
    # predecessor's not.
    settle = 0.2 + 0.03 * len(input_bytes) / 1048576

    def block(calls, fn):
        time.sleep(settle)
        cpu, python = time.process_time(), opa.stand_in_cpu
        for _ in range(calls):
            out = fn()
        time.sleep(settle)
        spent = time.process_time() - cpu - (opa.stand_in_cpu - python)
        return out, spent * 1e3 / calls

    warm = args.rounds - 1
    value, first = block(1, lambda: opa.query(everything, input_bytes))
    theirs = {p: rendered(v) for p, v in zip(packages, value)}
    _, whole = block(warm, lambda: opa.query(everything, input_bytes))
    # The input hand-over: OPA parses the input JSON on every call.
    noop = lambda: opa.eval("kravkoll_bench_noop.noop", input_bytes)
    noop()
    _, handover = block(warm, noop)
    per_package = {}
    if args.per_package:
        for pkg in packages:
            path = pkg.removeprefix("data.") + ".findings"
            opa.eval(path, input_bytes)
            per_package[pkg] = block(warm, lambda: opa.eval(path, input_bytes))[1]

    print(f"OPA: {opa.modules} modules; parsing the input costs OPA {handover:.1f} ms CPU per call (subtracted)\n")
    columns = "| package | findings kravkoll | findings OPA | same | kravkoll CPU ms |"
    if args.per_package:
        columns += " OPA CPU ms |"
    print(columns)
    print("|---|---:|---:|---|---:|" + ("---:|" if args.per_package else ""))
    total_k = 0.0
    differ = []
    messages = 0
    for pkg in packages:
        a, b = canonical(ours[pkg], True), canonical(theirs.get(pkg), True)
        same = a == b
        if not same:
            differ.append((pkg, a - b, b - a))
        messages += len(canonical(ours[pkg]) - canonical(theirs.get(pkg)))
        k = statistics.median(krav.get(pkg, [float("nan")]))
        total_k += k
        row = f"| {pkg.removeprefix('data.kravkoll.')} | {len(a)} | {len(b)} | {'yes' if same else '**no**'} | {k:.1f} |"
        if args.per_package:
            row += f" {max(per_package[pkg] - handover, 0.0):.1f} |"
        print(row)
    print(f"| **all** | {sum(len(canonical(v, True)) for v in ours.values())} | {sum(len(canonical(v, True)) for v in theirs.values())} | {'yes' if not differ else '**no**'} | {total_k:.0f} |" + (" |" if args.per_package else ""))
    first, o = max(first - handover, 0.0), max(whole - handover, 0.0)
    ratio = f"{o / total_k:.2f}" if total_k > 0 else "-"
    print(
        f"\nEvaluation CPU-seconds: kravkoll {total_k / 1e3:.3f} (the packages' own CPU time, summed; "
        f"median of {args.rounds} processes), OPA {o / 1e3:.3f} (one query for all packages, mean of "
        f"{warm} warm calls; {first / 1e3:.3f} the first time, with query preparation).\n"
        f"OPA ÷ kravkoll per CPU-second: **{ratio}** (above 1: kravkoll evaluates more per CPU-second)\n"
        f"Findings compared by control, record, item, field and event date; {messages} of kravkoll's "
        f"messages differ from OPA's, which formats numbers with stand-ins for kravkoll's own functions "
        f"({opa.stand_in_calls} calls, {opa.stand_in_cpu:.3f} CPU-seconds of Python, subtracted)."
    )
    for pkg, only_ours, only_theirs in differ:
        print(f"\nfindings differ in {pkg}:")
        for f in sorted(only_ours)[:5]:
            print(f"  only kravkoll: {f}")
        for f in sorted(only_theirs)[:5]:
            print(f"  only OPA:      {f}")
    return not differ


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("repos", nargs="+", help="evidence repositories")
    ap.add_argument("--kravkoll", default="target/release/kravkoll")
    ap.add_argument("--policies", default="policies")
    ap.add_argument("--as-of", default="2025-12-31")
    ap.add_argument(
        "--per-package",
        action="store_true",
        help="also time each package's query in OPA (slow on large inputs; Go's garbage collector makes single calls noisy)",
    )
    ap.add_argument("--rounds", type=int, default=3, help="at least 2: the first prepares OPA's queries")
    args = ap.parse_args()
    if args.rounds < 2:
        ap.error("--rounds must be at least 2")
    print(f"kravkoll {args.kravkoll} against OPA (opa-golib-python-bindings), {args.rounds} rounds; medians; CPU times on {os.cpu_count()} cores, load average {' '.join(open('/proc/loadavg').read().split()[:3])}")
    same = all([compare(args, repo) for repo in args.repos])
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
