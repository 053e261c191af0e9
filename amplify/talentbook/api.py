from ninja import Router

router = Router(tags=["Talent book"])
