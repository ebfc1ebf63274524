"""custom scenes: a couple's own conflict scripts, and each person's private solo practice

Revision ID: 0004customscenes
Revises: 0003agreements
Create Date: 2026-11-24 21:33:18.451897

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004customscenes'
down_revision = '0003agreements'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('custom_scenes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('couple_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=80), nullable=False),
    sa.Column('scene', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_custom_scenes_author_id_users')),
    sa.ForeignKeyConstraint(['couple_id'], ['couples.id'], name=op.f('fk_custom_scenes_couple_id_couples')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custom_scenes'))
    )
    with op.batch_alter_table('custom_scenes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_custom_scenes_couple_id'), ['couple_id'], unique=False)

    op.create_table('solo_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('scene_ref', sa.String(length=70), nullable=False),
    sa.Column('role_id', sa.String(length=30), nullable=False),
    sa.Column('scene', sa.JSON(), nullable=False),
    sa.Column('rewrites', sa.JSON(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_solo_runs_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_solo_runs'))
    )
    with op.batch_alter_table('solo_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_solo_runs_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('solo_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_solo_runs_user_id'))

    op.drop_table('solo_runs')
    with op.batch_alter_table('custom_scenes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_custom_scenes_couple_id'))

    op.drop_table('custom_scenes')
