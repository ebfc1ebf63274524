"""each person's own time zone, so dates and times are shown as their clock says them (couples/dates.py)

Revision ID: 0015timezones
Revises: 0014pendingsignups
Create Date: 2027-01-24 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015timezones'
down_revision = '0014pendingsignups'
branch_labels = None
depends_on = None


def upgrade():
    # Nullable: unknown until the person's browser says it at their next sign-in (or they choose it).
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('time_zone', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('time_zone')
