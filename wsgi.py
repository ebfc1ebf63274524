"""The production entry: `gunicorn -c deploy/gunicorn.conf.py wsgi:app`. Nothing imports this module.

Migrations are not run here: several workers starting at once would race on them. Run
`flask --app app db upgrade` once before starting the workers (deploy/two_workers.sh does).
"""

from app import create_app

app = create_app()
