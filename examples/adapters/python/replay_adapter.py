#!/usr/bin/python3
"""A PBX adapter in Python (Debian's python3-grpcio) that replays a call-event
trace file against `acd serve` and prints the commands it receives.

The trace is JSON lines, one event per line:
    {"time_ms": 1796972400000, "event": {"call_arrive": {"call": "17", ...}}}
where "event" is an acd.v1.Event in protobuf's JSON form (without event_id:
the adapter numbers the events). `acd demo --record FILE` writes one from a
simulated morning; a PBX's own log converted to this form replays the same.

With --clock manual on the server, the adapter moves the server's clock to
each event's time first (AdvanceClock) after every earlier event was
acknowledged, so a recorded day replays exactly; on a real clock it sends
the events as they come (--pace to wait between them).

Usage:
    PYTHONPATH=build/pyproto /usr/bin/python3 examples/adapters/python/replay_adapter.py \
        --server 127.0.0.1:50051 --trace morning.jsonl [--adapter NAME] [--real-clock] \
        [--token-file FILE] [--tls-ca CA.pem [--tls-cert C.pem --tls-key C.key]]

--token-file names a file whose first line is the bearer token of a server
started with --tokens (a token is not put on the command line, where `ps`
shows it); --tls-ca the CA that signed the server's certificate.

Exit status: 0 when every event was acknowledged OK, 1 otherwise.
"""
import argparse
import json
import os
import queue
import sys
import threading

import grpc
from google.protobuf import json_format

from acd.v1 import acd_service_pb2 as pb
from acd.v1 import acd_service_pb2_grpc as pb_grpc


def describe(command):
    kind = command.WhichOneof("body")
    body = getattr(command, kind)
    fields = " ".join(f"{f.name}={v}" for f, v in body.ListFields())
    return f"#{command.seq} @{command.time_ms} {kind} {fields}"


def read_trace(path):
    events = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
                event = json_format.ParseDict(record["event"], pb.Event())
                events.append((int(record["time_ms"]), event))
            except (ValueError, KeyError, json_format.ParseError) as e:
                raise SystemExit(f"{path}:{number}: not a trace record ({e})")
    return events


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default="127.0.0.1:50051")
    parser.add_argument("--trace", required=True, help="JSON lines of events")
    parser.add_argument("--adapter", default="python-replay")
    parser.add_argument("--center", default="")
    parser.add_argument("--real-clock", action="store_true",
                        help="the server runs on the real clock: do not move it")
    parser.add_argument("--quiet", action="store_true", help="print the summary only")
    parser.add_argument("--token-file", help="a file holding the bearer token")
    parser.add_argument("--tls-ca", help="PEM CA of the server's certificate (TLS)")
    parser.add_argument("--tls-cert", help="PEM client certificate (mutual TLS)")
    parser.add_argument("--tls-key", help="PEM client key (mutual TLS)")
    args = parser.parse_args()

    events = read_trace(args.trace)
    metadata = None
    if args.token_file:
        with open(args.token_file, encoding="utf-8") as f:
            metadata = (("authorization", "Bearer " + f.readline().strip()),)
    if args.tls_ca:
        def read(path):
            with open(path, "rb") as f:
                return f.read()
        credentials = grpc.ssl_channel_credentials(
            root_certificates=read(args.tls_ca),
            private_key=read(args.tls_key) if args.tls_key else None,
            certificate_chain=read(args.tls_cert) if args.tls_cert else None)
        channel = grpc.secure_channel(args.server, credentials)
    else:
        channel = grpc.insecure_channel(args.server)
    try:
        grpc.channel_ready_future(channel).result(timeout=10)
    except grpc.FutureTimeoutError:
        raise SystemExit(f"no server at {args.server}")
    stub = pb_grpc.AcdStub(channel)

    outgoing = queue.Queue()
    outgoing.put(pb.AdapterMessage(hello=pb.Hello(adapter=args.adapter, center=args.center)))
    acked = threading.Condition()
    state = {"acks": 0, "errors": [], "commands": 0, "ended": False}

    def requests():
        while True:
            message = outgoing.get()
            if message is None:
                return
            yield message

    responses = stub.Connect(requests(), metadata=metadata)

    def read():
        try:
            for message in responses:
                if message.HasField("ack"):
                    with acked:
                        state["acks"] += 1
                        if message.ack.code != 0:
                            state["errors"].append(message.ack)
                        acked.notify_all()
                elif message.HasField("command"):
                    state["commands"] += 1
                    if not args.quiet:
                        print(describe(message.command), flush=True)
        except grpc.RpcError as e:
            if e.code() != grpc.StatusCode.CANCELLED:
                print(f"stream ended: {e.code().name}: {e.details()}", file=sys.stderr)
        with acked:
            state["ended"] = True
            acked.notify_all()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()

    def wait_acks(n):
        with acked:
            acked.wait_for(lambda: state["acks"] >= n or state["ended"])
            return state["acks"] >= n

    sent = 0
    last_time = None
    failed = False
    for time_ms, event in events:
        if not args.real_clock and time_ms != last_time:
            if not wait_acks(sent):
                break
            try:
                stub.AdvanceClock(pb.AdvanceClockRequest(center=args.center, to_ms=time_ms),
                                  metadata=metadata)
            except grpc.RpcError as e:
                if e.code() != grpc.StatusCode.INVALID_ARGUMENT:  # already past
                    # Not an exit here: the stream's request thread must be
                    # released first, or the process would wait for it.
                    print(f"AdvanceClock: {e.code().name}: {e.details()}", file=sys.stderr)
                    failed = True
                    break
            last_time = time_ms
        event.event_id = sent + 1
        outgoing.put(pb.AdapterMessage(event=event))
        sent += 1
    wait_acks(sent)
    outgoing.put(None)
    responses.cancel()
    reader.join(timeout=10)
    print(f"{sent} events sent, {state['acks']} acknowledged, {len(state['errors'])} refused, "
          f"{state['commands']} commands received")
    for ack in state["errors"][:10]:
        print(f"refused: event {ack.event_id}: {ack.message}")
    channel.close()  # not left to the garbage collector at interpreter exit
    return 0 if state["acks"] == sent and not state["errors"] and not failed else 1


if __name__ == "__main__":
    code = main()
    # grpcio's finalizers can deadlock in the interpreter's last garbage
    # collection (seen as a replay that printed its summary and never
    # exited): leave without them once the output is flushed.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
