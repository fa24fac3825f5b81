#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
#
# `microkit view` for one system description (standard library only):
#
#   check_view.py static|chromium MICROKIT SYSTEM WORK_DIR [CHROMIUM]
#
# MICROKIT "-": the page is already in WORK_DIR/NAME.html (a build's
# --view, run_built.sh), and must show what a build adds: the programs'
# segments and the caps the boot spec places, each granted by the SDF.
#
# static:   the page is self-contained (no script, style, image or link
#           from elsewhere), every PD, region and channel of SYSTEM (read
#           here with xml.etree, not by the tool) has its node and its
#           details, and every diagnostic naming an element links to it.
# chromium: headless Chromium loads the page with #selftest, which clicks
#           every node and checks that its details show (tool/view.c); the
#           page must say SELFTEST PASSED and the browser log no console
#           message. Skipped (exit 77) when CHROMIUM is not installed
#           (Debian package chromium).
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def make_page(microkit, system, work):
    os.makedirs(work, exist_ok=True)
    name = os.path.basename(system)[: -len(".system")]
    page = os.path.join(work, name + ".html")
    if microkit == "-":
        with open(page, encoding="utf-8") as f:
            html = f.read()
        for what in ("<td>segment</td>", "What the boot spec places", "granted by"):
            if what not in html:
                fail("the page of a build has no '%s'" % what)
        if "nothing: not granted by the SDF" in html:
            fail("the page of a build shows a cap the SDF does not grant")
        return page, html
    r = subprocess.run(
        [microkit, "view", os.path.basename(system), "--board", "qemu_virt_aarch64", "-o", page],
        cwd=os.path.dirname(system), capture_output=True, text=True)
    if r.returncode > 1 or not os.path.exists(page):
        fail("microkit view exited with %d: %s" % (r.returncode, r.stderr))
    with open(page, encoding="utf-8") as f:
        return page, f.read()


def sdf_elements(system):
    root = ET.parse(system).getroot()
    pds = [e.get("name") for e in root.iter("protection_domain")]
    mrs = [e.get("name") for e in root.iter("memory_region")]
    channels = len(list(root.iter("channel")))
    return pds, mrs, channels


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def check_static(system, html):
    # The one URL allowed: the SVG namespace, which is a name, not a fetch.
    for m in re.finditer(r"(https?:|//)[^\s\"'<>]*", html):
        if m.group(0) != "http://www.w3.org/2000/svg" and not m.group(0).startswith("//"):
            fail("the page names '%s'" % m.group(0))
    for pat in (r"<script[^>]*\bsrc=", r"<link\b", r"<img\b", r"<iframe\b", r"@import", r"url\(http"):
        if re.search(pat, html):
            fail("the page loads something from elsewhere (%s)" % pat)
    pds, mrs, channels = sdf_elements(system)
    for kind, names in (("pd", pds), ("mr", mrs)):
        for i, name in enumerate(names):
            node = re.search(r'<g class="node %s[^"]*" id="n-%s%d" data-ref="%s%d"[^>]*><title>%s</title>'
                             % (kind, kind, i, kind, i, re.escape(esc(name))), html)
            if not node:
                fail("no node for %s '%s'" % (kind, name))
            if not re.search(r'<section class="details" id="d-%s%d" hidden><h2>[^<]*%s</h2>'
                             % (kind, i, re.escape(esc(name))), html):
                fail("no details for %s '%s'" % (kind, name))
    drawn = len(re.findall(r'<g class="edge ch[ "]', html))
    if drawn != channels:
        fail("%d channels drawn, the SDF has %d" % (drawn, channels))
    for ref in re.findall(r'<li class="(?:error|warning)"><a class="pos" href="#([a-z]+\d+)"', html):
        if 'id="d-%s"' % ref not in html:
            fail("a diagnostic links to '%s', which has no details" % ref)
    print("PASS: %s: %d PDs, %d regions, %d channels" % (os.path.basename(system), len(pds),
                                                         len(mrs), channels))


def check_chromium(system, page, browser):
    url = "file://" + os.path.abspath(page) + "#selftest"
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--user-data-dir=" + os.path.join(os.path.dirname(page), "profile"),
           "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", url]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    console = [l for l in r.stderr.splitlines() if ":CONSOLE" in l]
    if console:
        fail("console messages:\n" + "\n".join(console))
    m = re.search(r'<pre id="selftest">(.*?)</pre>', r.stdout, re.S)
    if not m:
        fail("no self-test output in the page (exit %d):\n%s" % (r.returncode, r.stderr[-2000:]))
    out = m.group(1)
    print(out)
    if "SELFTEST PASSED" not in out:
        fail("the page's self-test failed")
    pds, _, _ = sdf_elements(system)
    for i, name in enumerate(pds):
        if "ok pd%d %s" % (i, esc(name)) not in out:
            fail("clicking PD '%s' did not show its details" % name)
    print("PASS: %s in Chromium" % os.path.basename(system))


def main():
    mode, microkit, system, work = sys.argv[1:5]
    browser = sys.argv[5] if len(sys.argv) > 5 else "chromium"
    if mode == "chromium" and not shutil.which(browser):
        print("SKIPPED: '%s' is not installed (Debian package chromium)" % browser)
        sys.exit(77)
    page, html = make_page(microkit, os.path.abspath(system), work)
    if mode == "static":
        check_static(system, html)
    else:
        check_chromium(system, page, browser)


main()
