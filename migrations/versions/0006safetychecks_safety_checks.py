"""safety checks: each person's private safety check answers and their own "not now" for hard conversations

Revision ID: 0006safetychecks
Revises: 0005presenceprocs
Create Date: 2026-11-29 11:09:30.717959

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006safetychecks'
down_revision = '0005presenceprocs'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('hard_talk_choices',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('not_now', sa.Boolean(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_hard_talk_choices_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_hard_talk_choices'))
    )
    op.create_table('safety_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('concern', sa.Boolean(), nullable=False),
    sa.Column('go_on_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_safety_checks_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_checks'))
    )
    with op.batch_alter_table('safety_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safety_checks_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('safety_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safety_checks_user_id'))

    op.drop_table('safety_checks')
    op.drop_table('hard_talk_choices')
