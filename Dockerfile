# Production image: gunicorn behind your TLS proxy, static files served by WhiteNoise.
FROM python:3.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    HOST=0.0.0.0 \
    PORT=8000

RUN groupadd --system app && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml constraints.txt README.md ./
COPY careerpaths/__init__.py careerpaths/__init__.py
COPY accounts/__init__.py accounts/__init__.py
COPY roles/__init__.py roles/__init__.py
COPY assessments/__init__.py assessments/__init__.py
RUN pip install -c constraints.txt .

COPY . .
RUN pip install --no-deps -c constraints.txt . \
    && DEBUG=0 SECRET_KEY=collectstatic-only-build-time-key-not-used-at-runtime-xxxxxxxx \
       DATABASE_URL=postgres://build@localhost/build python manage.py collectstatic --noinput -v 0 \
    && chown -R app:app /app

USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\",\"8000\")}/healthz', timeout=4)"
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
