"""personal settings: whether the coach reads one's journal

Revision ID: 0009personalsettings
Revises: 0008personalentries
Create Date: 2026-11-29 12:39:38.494024

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009personalsettings'
down_revision = '0008personalentries'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('personal_settings',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('coach_journal', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_personal_settings_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_personal_settings'))
    )


def downgrade():
    op.drop_table('personal_settings')
