"""weekly rhythm: the check-in evening a couple chose together, a pending proposal, each person's reminders

Revision ID: 0010rhythm
Revises: 0009personalsettings
Create Date: 2026-11-29 13:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010rhythm'
down_revision = '0009personalsettings'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('rhythm_schedules',
    sa.Column('couple_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('local_time', sa.Time(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('agreed_at', sa.DateTime(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.CheckConstraint('weekday BETWEEN 0 AND 6', name=op.f('ck_rhythm_schedules_weekday')),
    sa.ForeignKeyConstraint(['couple_id'], ['couples.id'], name=op.f('fk_rhythm_schedules_couple_id_couples'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('couple_id', name=op.f('pk_rhythm_schedules'))
    )
    op.create_table('rhythm_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('couple_id', sa.Integer(), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('local_time', sa.Time(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('proposed_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('weekday BETWEEN 0 AND 6', name=op.f('ck_rhythm_proposals_weekday')),
    sa.ForeignKeyConstraint(['couple_id'], ['couples.id'], name=op.f('fk_rhythm_proposals_couple_id_couples'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_rhythm_proposals_proposed_by_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rhythm_proposals')),
    sa.UniqueConstraint('couple_id', name=op.f('uq_rhythm_proposals_couple_id')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('rhythm_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rhythm_proposals_proposed_by_id'), ['proposed_by_id'], unique=False)

    op.create_table('rhythm_reminders',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.Boolean(), nullable=False),
    sa.Column('last_sent_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_rhythm_reminders_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_rhythm_reminders'))
    )


def downgrade():
    op.drop_table('rhythm_reminders')
    with op.batch_alter_table('rhythm_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rhythm_proposals_proposed_by_id'))

    op.drop_table('rhythm_proposals')
    op.drop_table('rhythm_schedules')
