"""owning one's data: a couple can end, past memberships stay readable, a deleted person leaves a stand-in

Revision ID: 0011ownership
Revises: 0010rhythm
Create Date: 2026-11-29 13:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011ownership'
down_revision = '0010rhythm'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('couples', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ended_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('former', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table('past_memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('couple_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.Column('left_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['couple_id'], ['couples.id'], name=op.f('fk_past_memberships_couple_id_couples')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_past_memberships_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_past_memberships')),
    sa.UniqueConstraint('couple_id', 'user_id', name='uq_past_memberships_couple_user')
    )
    with op.batch_alter_table('past_memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_past_memberships_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('past_memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_past_memberships_user_id'))
    op.drop_table('past_memberships')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('former')
    with op.batch_alter_table('couples', schema=None) as batch_op:
        batch_op.drop_column('ended_at')
