#!/usr/bin/python3
"""A large center for load measurements: examples/centers/sales.yaml with its
agents repeated to N (ids from 100000, names "Agent i"), written as
bigN.yaml and bigN.json (compact) into OUT_DIR.

usage: bench/gen_center.py N OUT_DIR   (needs python3-yaml)
"""
import json
import os
import sys

import yaml

n = int(sys.argv[1])
out_dir = sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
center = yaml.safe_load(open(os.path.join(here, '..', 'examples', 'centers', 'sales.yaml')))
base = center['agents']
agents = []
for i in range(n):
    agent = json.loads(json.dumps(base[i % len(base)]))
    agent['id'] = 100000 + i
    agent['name'] = f'Agent {i}'
    agents.append(agent)
center['agents'] = agents
with open(os.path.join(out_dir, f'big{n}.yaml'), 'w') as f:
    yaml.safe_dump(center, f, default_flow_style=False, sort_keys=False)
with open(os.path.join(out_dir, f'big{n}.json'), 'w') as f:
    json.dump(center, f, separators=(',', ':'))
