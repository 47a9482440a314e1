"""A real Modbus TCP server (pymodbus, Debian's python3-pymodbus) for auxio's tests.

Usage: modbus-server.py PORT UNIT_ID STATE_JSON
The tables (co, di, ir, hr: 256 entries each, 0-based addresses) start from STATE_JSON, e.g.
{"di": {"2": 1}}. The test drives the wire over stdin, one JSON command a line, and gets one JSON
answer a line:  {"op": "set", "table": "di", "address": 2, "values": [1]} -> {"ok": true}
                {"op": "get", "table": "co", "address": 0, "count": 4}    -> {"values": [0, 1, 0, 0]}
The server exits when stdin closes, so it never outlives the test.
"""
import asyncio
import json
import logging
import os
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartAsyncTcpServer

# The function code that pymodbus' setValues/getValues use to pick a table.
TABLES = {"co": 1, "di": 2, "hr": 3, "ir": 4}


async def control(store):
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            os._exit(0)
        cmd = json.loads(line)
        fc = TABLES[cmd["table"]]
        if cmd["op"] == "set":
            store.setValues(fc, cmd["address"], cmd["values"])
            answer = {"ok": True}
        else:
            answer = {"values": [int(v) for v in store.getValues(fc, cmd["address"], cmd["count"])]}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


async def main():
    port, unit, state = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])
    blocks = {}
    for name in TABLES:
        values = [0] * 256
        for address, value in state.get(name, {}).items():
            values[int(address)] = value
        blocks[name] = ModbusSequentialDataBlock(0, values)
    # zero_mode: protocol address N is table entry N (without it pymodbus shifts by one).
    store = ModbusSlaveContext(**blocks, zero_mode=True)
    # single=False: only UNIT_ID is served, so a client sending the wrong unit id notices.
    context = ModbusServerContext(slaves={unit: store}, single=False)
    asyncio.create_task(control(store))
    # allow_reuse_address: the test restarts the server on its port while old connections sit in TIME_WAIT.
    await StartAsyncTcpServer(context=context, address=("127.0.0.1", port), allow_reuse_address=True)


logging.basicConfig(level=logging.CRITICAL)
asyncio.run(main())
