"""Gunicorn settings for one Hearth worker process: `gunicorn -c deploy/gunicorn.conf.py wsgi:app`.

One worker per gunicorn: Socket.IO's long-polling needs every request of a client to reach the same
process, and gunicorn cannot route by client. Run several gunicorns on several ports behind a load
balancer with sticky sessions instead (docs/scaling.md). Inside the process, the gevent worker (the
default) gives each open WebSocket a greenlet; `worker_connections` bounds the sockets and requests
one process holds at once.
"""

import os

bind = f"{os.environ.get('HEARTH_HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = 1
# "gevent" (the default: a greenlet per WebSocket; measured 2.5x the events per second of gthread on one
# process, see docs/performance.md) or "gthread" (an OS thread per WebSocket). Socket.IO runs in the same mode.
worker_class = os.environ.get("HEARTH_WORKER", "gevent")
if worker_class == "gevent":
    os.environ.setdefault("SOCKETIO_ASYNC_MODE", "gevent")
    # gevent keeps, for every greenlet, the stack that spawned it (for debugging); with two greenlets per
    # WebSocket that was tens of thousands of objects the garbage collector walked again and again.
    os.environ.setdefault("GEVENT_TRACK_GREENLET_TREE", "false")
# Open sockets and requests one process holds at once (every partner's page holds one socket).
worker_connections = int(os.environ.get("HEARTH_CONNECTIONS", "4000"))
# gthread only: threads start when needed, one per socket, so this bounds the sockets too.
threads = int(os.environ.get("HEARTH_THREADS", str(worker_connections - 200)))
# A WebSocket holds its thread for hours; the heartbeat is the worker's main loop, so this only
# restarts a worker that hangs as a whole.
timeout = 60
graceful_timeout = 10
keepalive = 5
# gunicorn's control socket defaults to one path per machine user, which two gunicorns on one machine
# would share: give each its own path, or none.
control_socket = os.environ.get("HEARTH_CONTROL_SOCKET") or "unused"
control_socket_disable = not os.environ.get("HEARTH_CONTROL_SOCKET")
accesslog = os.environ.get("HEARTH_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("HEARTH_LOG_LEVEL", "info")
