"""sign-ins the server knows about and can end; each open socket names the sign-in that opened it

Revision ID: 0012signins
Revises: 0011ownership
Create Date: 2026-12-06 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012signins'
down_revision = '0011ownership'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sign_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(), nullable=False),
    sa.Column('device', sa.String(length=60), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sign_ins_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_ins'))
    )
    with op.batch_alter_table('sign_ins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_ins_user_id'), ['user_id'], unique=False)
    # Sockets open before this upgrade were opened by sign-ins that no longer exist (every cookie from
    # before names a bare user id, which no longer signs anyone in), so none of them is open any more.
    op.execute("DELETE FROM presence")
    with op.batch_alter_table('presence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sign_in_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_presence_sign_in_id'), ['sign_in_id'], unique=False)


def downgrade():
    with op.batch_alter_table('presence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_presence_sign_in_id'))
        batch_op.drop_column('sign_in_id')
    with op.batch_alter_table('sign_ins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_ins_user_id'))
    op.drop_table('sign_ins')
