"""The production entry: `gunicorn -c deploy/gunicorn.conf.py wsgi:app`. Nothing imports this module.

Migrations are not run here: several workers starting at once would race on them. Run
`flask --app app db upgrade` once before starting the workers (deploy/two_workers.sh does).
"""

import gc

from app import create_app
from couples.live import sweep_presence

app = create_app()

with app.app_context():
    # Rows a killed worker left behind stop counting after the presence timeout anyway; clear them
    # so the table holds only sockets that may still be open.
    sweep_presence()

# Everything loaded so far (Flask, SQLAlchemy, the spaCy model kept for reading in-process) lives as long
# as the process: keep it out of the garbage collector's full passes, which otherwise walk all of it.
gc.collect()
gc.freeze()
