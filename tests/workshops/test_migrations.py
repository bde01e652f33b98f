from django.core.management import call_command


def test_the_workshops_migrations_match_the_models(db):
    # Exits with an error when a model change has no migration.
    call_command("makemigrations", "workshops", "--check", "--dry-run", verbosity=0)
