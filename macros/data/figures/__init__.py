"""The technique figure, one feature in three rooms: what a figure may say, where it puts
the body, and what is wrong with it.

``model`` (the ``figure:`` block's shape: views, surfaces, body parts, angle ranges; only
pydantic), ``geometry`` (the body model, skeleton, forward kinematics, placing every pose
on its contacts, the motion's keyframes; imports only ``model``) and ``validation`` (the
checks and their located messages and hints; reads ``geometry``). Drawing lives in
``macros.media.figures`` and consumes ``geometry`` only. Nothing here imports the site,
the media room or MkDocs, and this file imports nothing, so ``macros.data.models`` can
take the figure's model without loading the rest.
"""
