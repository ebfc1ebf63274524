"""sign-up attempts wait in their own table until their link is followed (couples/accounts/pending.py)

Revision ID: 0014pendingsignups
Revises: 0013confirmedemails
Create Date: 2026-12-08 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014pendingsignups'
down_revision = '0013confirmedemails'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'pending_sign_ups',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('display_name', sa.String(length=60), nullable=False),
        sa.Column('password_hash', sa.String(length=255), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_pending_sign_ups')),
    )
    with op.batch_alter_table('pending_sign_ups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pending_sign_ups_email'), ['email'], unique=False)


def downgrade():
    with op.batch_alter_table('pending_sign_ups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pending_sign_ups_email'))
    op.drop_table('pending_sign_ups')
