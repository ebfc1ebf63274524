"""which page each open socket is on (the room or a session's), so a page can say where the partner is

Revision ID: 0016socketpages
Revises: 0015timezones
Create Date: 2027-01-25 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016socketpages'
down_revision = '0015timezones'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'socket_pages',
        sa.Column('sid', sa.String(length=64), nullable=False),
        sa.Column('page', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('sid', name=op.f('pk_socket_pages')),
    )


def downgrade():
    op.drop_table('socket_pages')
