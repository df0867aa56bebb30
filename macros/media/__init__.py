"""The media room: pictures and paper.

``figures`` (technique figures: SVG that moves with CSS, and Pillow), ``musclemap`` and
``ladder`` (SVG), ``previews`` (link-preview images, Pillow), ``pdf`` (printing built pages
to PDF) and ``chromium`` (the headless browser they and the tests share). Draws what the site plan
names and writes where it is told; knows no URL.
"""
