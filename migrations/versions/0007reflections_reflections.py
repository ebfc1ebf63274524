"""reflections: each person's attachment reflections, private unless one is shared

Revision ID: 0007reflections
Revises: 0006safetychecks
Create Date: 2026-11-29 12:04:41.357454

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007reflections'
down_revision = '0006safetychecks'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reflections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=False),
    sa.Column('ratings', sa.JSON(), nullable=False),
    sa.Column('anxiety', sa.Double(), nullable=False),
    sa.Column('avoidance', sa.Double(), nullable=False),
    sa.Column('shared_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reflections_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reflections'))
    )
    with op.batch_alter_table('reflections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reflections_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('reflections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reflections_user_id'))

    op.drop_table('reflections')
