"""personal entries: journal, toolkit, gratitude and wins, affirmations, each its author's alone

Revision ID: 0008personalentries
Revises: 0007reflections
Create Date: 2026-11-29 12:14:40.844939

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008personalentries'
down_revision = '0007reflections'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('personal_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('flags', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_personal_entries_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_personal_entries'))
    )
    with op.batch_alter_table('personal_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_personal_entries_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('personal_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_personal_entries_user_id'))

    op.drop_table('personal_entries')
