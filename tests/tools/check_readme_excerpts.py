#!/usr/bin/python3
"""The README's program excerpts come from real runs.

A fenced block right after a marker

    <!-- readme-excerpt: acd sim --trace --from 07:00 --to 09:00 -->

shows lines of that command's output (stdout and stderr together); lines
that are exactly "..." stand for lines left out. Each other line of the
block must be a whole line of the output, in the block's order. The command
runs from the source directory with `acd` replaced by ACD_BINARY.

usage: check_readme_excerpts.py ACD_BINARY README.md
Prints "ok: N excerpts" or, per excerpt that differs, the first line not
found and exits 1. To update a block, run its command and copy the lines.
"""
import os
import re
import shlex
import subprocess
import sys

MARKER = re.compile(r'^<!-- readme-excerpt: (.+?) -->$')


def excerpts(readme_lines):
    """(line number, command, block lines) for every marked block."""
    found = []
    i = 0
    while i < len(readme_lines):
        m = MARKER.match(readme_lines[i].rstrip('\n'))
        if not m:
            i += 1
            continue
        if i + 1 >= len(readme_lines) or not readme_lines[i + 1].startswith('```'):
            sys.exit(f'README:{i + 1}: a readme-excerpt marker must be followed by a ``` block')
        j = i + 2
        block = []
        while j < len(readme_lines) and not readme_lines[j].startswith('```'):
            block.append(readme_lines[j].rstrip('\n'))
            j += 1
        found.append((i + 1, m.group(1), block))
        i = j + 1
    return found


def check(acd, source_dir, command, block):
    """None when every shown line is in the output in order, else why not."""
    argv = shlex.split(command)
    if not argv or argv[0] != 'acd':
        return f'the command must start with "acd": {command}'
    run = subprocess.run([acd] + argv[1:], cwd=source_dir, capture_output=True, text=True,
                         timeout=300)
    output = (run.stdout + run.stderr).split('\n')
    at = 0
    for line in block:
        if line == '...':
            continue
        while at < len(output) and output[at] != line:
            at += 1
        if at == len(output):
            return f'not in the output (or out of order): {line!r}'
        at += 1
    return None


def main():
    acd, readme = sys.argv[1], sys.argv[2]
    with open(readme, encoding='utf-8') as f:
        lines = f.readlines()
    found = excerpts(lines)
    if not found:
        sys.exit('no readme-excerpt markers found')
    failed = 0
    for line_no, command, block in found:
        why = check(acd, os.path.dirname(os.path.abspath(readme)), command, block)
        if why:
            print(f'{readme}:{line_no}: `{command}`: {why}')
            failed += 1
    if failed:
        sys.exit(1)
    print(f'ok: {len(found)} excerpts')


if __name__ == '__main__':
    main()
