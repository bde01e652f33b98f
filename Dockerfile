FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_ENV=production
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements.lock
COPY . .
# Production settings need a strong key even to collect files; this one dies with the build step.
RUN export SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
        ALLOWED_HOSTS=build SITE_URL=https://build.invalid \
    && python manage.py collectstatic --noinput \
    && python manage.py compilemessages --ignore=.venv -v0
RUN useradd --create-home portal && mkdir -p /app/media && chown portal /app/media
USER portal
EXPOSE 8000
CMD ["gunicorn", "cih.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
