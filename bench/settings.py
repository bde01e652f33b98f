"""The portal's production settings with one more URL: the floor the benchmarks compare against."""

from cih.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
