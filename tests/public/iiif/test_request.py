"""The IIIF Image API 3.0 request parser and size arithmetic (public/iiif/request.py), without a
server: every form of every parameter, every error, and the pixels each one asks for.

https://iiif.io/api/image/3.0/#4-image-requests
"""

from fractions import Fraction

import pytest

from public.iiif.request import (
    QUALITIES,
    ImageRequest,
    ImageRequestError,
    Limits,
    Region,
    Size,
    parse,
)

FORMATS = ("jpg", "png", "webp")
LIMITS = Limits(4000, 4000, 12_000_000)


def refused(call, *args) -> str:
    with pytest.raises(ImageRequestError) as caught:
        call(*args)
    assert caught.value.status == 400
    return caught.value.reason


def box(region: str, width: int = 1200, height: int = 800) -> tuple[int, int, int, int]:
    return Region.parse(region).box(width, height)


def scaled(size: str, width: int = 1200, height: int = 800, limits: Limits = LIMITS):
    return Size.parse(size).scaled(width, height, limits)


class TestRegion:
    """https://iiif.io/api/image/3.0/#41-region"""

    @pytest.mark.parametrize(
        ("region", "width", "height", "expected"),
        [
            ("full", 1200, 800, (0, 0, 1200, 800)),
            # square: the shorter side, centred in the longer one.
            ("square", 1200, 800, (200, 0, 800, 800)),
            ("square", 800, 1200, (0, 200, 800, 800)),
            ("square", 500, 500, (0, 0, 500, 500)),
            ("square", 804, 800, (2, 0, 800, 800)),
            ("600,0,600,400", 1200, 800, (600, 0, 600, 400)),
            ("0,0,1,1", 1200, 800, (0, 0, 1, 1)),
            ("1199,799,1,1", 1200, 800, (1199, 799, 1, 1)),
            # beyond the edge: cropped at the image's edge, not padded.
            ("600,400,5000,5000", 1200, 800, (600, 400, 600, 400)),
            ("125,15,200,200", 300, 200, (125, 15, 175, 185)),  # the specification's example 5
            ("pct:0,50,50,50", 1200, 800, (0, 400, 600, 400)),
            ("pct:0,0,100,100", 1200, 800, (0, 0, 1200, 800)),
            ("pct:41.6,7.5,40,70", 300, 200, (125, 15, 120, 140)),  # example 4
            ("pct:41.6,7.5,66.6,100", 300, 200, (125, 15, 175, 185)),  # example 6, cropped
            ("pct:25.,.5,50.0,10", 1000, 1000, (250, 5, 500, 100)),
            # percentages are converted exactly and rounded half up (34.675% of 6000 = 2080.5).
            ("pct:34.675,0,10,10", 6000, 4000, (2081, 0, 600, 400)),
            ("pct:0.35,0,10,10", 1000, 1000, (4, 0, 100, 100)),
            ("pct:0.34,0,10,10", 1000, 1000, (3, 0, 100, 100)),
            ("pct:99,99,50,50", 100, 100, (99, 99, 1, 1)),
        ],
    )
    def test_forms(self, region, width, height, expected):
        assert box(region, width, height) == expected

    @pytest.mark.parametrize(
        ("region", "reason"),
        [
            ("nonsense", "expected full, square, x,y,w,h or pct:x,y,w,h"),
            ("Full", "expected full"),
            ("1,2,3", "expected full"),
            ("1,2,3,4,5", "expected full"),
            ("pct:1,2,3", "expected full"),
            ("pct:", "expected full"),
            ("", "expected full"),
            ("-1,0,10,10", "whole numbers of pixels"),
            ("+1,0,10,10", "whole numbers of pixels"),
            ("1.5,0,10,10", "whole numbers of pixels"),
            ("1e2,0,10,10", "whole numbers of pixels"),
            (" 1,0,10,10", "whole numbers of pixels"),
            ("0,0,,10", "whole numbers of pixels"),
            ("١,0,10,10", "whole numbers of pixels"),  # digits are ASCII digits
            ("pct:-1,0,10,10", "finite decimal numbers"),
            ("pct:+1,0,10,10", "finite decimal numbers"),
            ("pct:1e1,0,10,10", "finite decimal numbers"),
            ("pct:nan,0,10,10", "finite decimal numbers"),
            ("pct:inf,0,10,10", "finite decimal numbers"),
            ("pct:1.2.3,0,10,10", "finite decimal numbers"),
            ("pct:.,0,10,10", "finite decimal numbers"),
            ("pct:0,0,101,10", "percentages go up to 100"),
            ("pct:100.0001,0,10,10", "percentages go up to 100"),
            ("0,0,0,10", "zero size"),
            ("0,0,10,0", "zero size"),
            ("pct:0,0,0,10", "zero size"),
            ("pct:0,0,10,0.0", "zero size"),
            ("1" * 33 + ",0,10,10", "more digits than any image needs"),
            ("pct:0." + "1" * 40 + ",0,10,10", "more digits than any image needs"),
        ],
    )
    def test_syntax_errors(self, region, reason):
        message = refused(Region.parse, region)
        assert message.startswith("region: ")
        assert reason in message

    @pytest.mark.parametrize(
        ("region", "reason"),
        [
            # "entirely outside the bounds of the reported dimensions" is a 400.
            ("1200,0,10,10", "lies outside the image (1200 × 800 pixels)"),
            ("0,800,10,10", "lies outside the image"),
            ("5000,5000,10,10", "lies outside the image"),
            # a percentage region that is empty within the image has zero size.
            ("pct:100,0,10,10", "has zero size in this image"),
            ("pct:0,100,10,10", "has zero size in this image"),
            ("pct:0,0,0.01,10", "has zero size in this image"),  # 0.12 pixels, rounded to 0
        ],
    )
    def test_regions_outside_or_empty_in_the_image(self, region, reason):
        message = refused(box, region)
        assert message.startswith("region: ")
        assert reason in message

    def test_an_enormous_region_is_only_cropped(self):
        assert box("0,0," + "9" * 32 + ",1") == (0, 0, 1200, 1)


class TestSize:
    """https://iiif.io/api/image/3.0/#42-size"""

    @pytest.mark.parametrize(
        ("size", "expected"),
        [
            ("max", (1200, 800)),
            ("^max", (4000, 2667)),
            ("300,", (300, 200)),
            ("1200,", (1200, 800)),
            ("^2400,", (2400, 1600)),
            ("^300,", (300, 200)),  # ^ allows upscaling, it does not demand it
            (",100", (150, 100)),
            ("^,1600", (2400, 1600)),
            ("pct:25", (300, 200)),
            ("pct:100", (1200, 800)),
            ("pct:12.5", (150, 100)),
            ("pct:0.1", (1, 1)),
            ("^pct:150", (1800, 1200)),
            ("^pct:50", (600, 400)),
            ("150,150", (150, 150)),  # distorted, as asked
            ("1200,800", (1200, 800)),
            ("^2000,900", (2000, 900)),
            ("^100,900", (100, 900)),
            ("!300,300", (300, 200)),
            ("!300,100", (150, 100)),
            ("!1200,800", (1200, 800)),
            ("^!3000,3000", (3000, 2000)),
            ("^!300,300", (300, 200)),
        ],
    )
    def test_forms_on_a_1200_by_800_region(self, size, expected):
        assert scaled(size) == expected

    @pytest.mark.parametrize(
        ("size", "width", "height", "expected"),
        [
            # the specification's examples, on its 300 × 200 image
            ("150,", 300, 200, (150, 100)),
            (",150", 300, 200, (225, 150)),
            ("pct:50", 300, 200, (150, 100)),
            ("225,100", 300, 200, (225, 100)),
            ("!225,100", 300, 200, (150, 100)),
            ("^!360,360", 300, 200, (360, 240)),
            ("^360,", 300, 200, (360, 240)),
            # rounded half up: 201 × 150 / 300 = 100.5
            ("150,", 300, 201, (150, 101)),
            (",100", 301, 200, (151, 100)),  # 150.5
            ("!486,139", 1200, 800, (209, 139)),  # 1200 × 139 / 800 = 208.5
            ("pct:50", 301, 201, (151, 101)),
        ],
    )
    def test_arithmetic(self, size, width, height, expected):
        assert scaled(size, width, height) == expected

    @pytest.mark.parametrize(
        ("size", "reason"),
        [
            ("big", "expected max, w,, ,h, pct:n, w,h or !w,h"),
            ("MAX", "expected max"),
            ("", "expected max"),
            (",", "expected max"),
            ("1,2,3", "expected max"),
            ("^^max", "expected max"),
            ("!pct:50", "expected max"),
            ("!max", "expected max"),
            ("full", "full is not a size in version 3.0"),
            ("^full", "full is not a size in version 3.0"),
            ("-5,", "expected max"),
            ("1.5,", "expected max"),
            ("+5,", "expected max"),
            ("!100,", "!w,h needs both w and h"),
            ("!,100", "!w,h needs both w and h"),
            ("^!100,", "!w,h needs both w and h"),
            ("0,", "zero size"),
            (",0", "zero size"),
            ("0,10", "zero size"),
            ("!0,10", "zero size"),
            ("^0,", "zero size"),
            ("pct:-5", "pct:n takes a finite decimal number"),
            ("pct:1e2", "pct:n takes a finite decimal number"),
            ("^pct:inf", "pct:n takes a finite decimal number"),
            ("pct:nan", "pct:n takes a finite decimal number"),
            ("pct:", "pct:n takes a finite decimal number"),
            ("9" * 33 + ",", "more digits than any image needs"),
        ],
    )
    def test_syntax_errors(self, size, reason):
        message = refused(Size.parse, size)
        assert message.startswith("size: ")
        assert reason in message

    @pytest.mark.parametrize(
        "size",
        ["1201,", ",801", "pct:101", "pct:200", "1201,800", "100,801", "!2000,3000", "!1300,900"],
    )
    def test_scaling_up_needs_the_caret(self, size):
        """Sizes without ^ that would be larger than the region are a 400 (the validator's
        size_noup test asks this of !w,h too)."""
        message = refused(scaled, size)
        assert "scaling up the 1200 × 800 region" in message
        assert f"^{size}" in message

    @pytest.mark.parametrize(
        ("size", "reason"),
        [("pct:0", "(0 × 0 pixels)"), ("pct:0.01", "(0 × 0 pixels)"), ("1,", "(1 × 0 pixels)")],
    )
    def test_sizes_that_round_to_nothing(self, size, reason):
        message = refused(scaled, size, 1200, 300)
        assert message.startswith(f"size: {size} gives an image of zero size")
        assert reason in message

    @pytest.mark.parametrize("size", ["^5000,", "^,4001", "^pct:500", "^4000,4000", "^4001,1"])
    def test_above_the_limits(self, size):
        assert "limit" in refused(scaled, size)

    def test_the_area_limit(self):
        limits = Limits(4000, 4000, 500_000)
        assert refused(scaled, "1200,", 1200, 800, limits) == (
            "size: 1200 × 800 pixels is more than this server's limit of 500,000 pixels."
        )
        assert scaled("866,", 1200, 800, limits) == (866, 577)

    @pytest.mark.parametrize(
        ("width", "height", "limits", "expected"),
        [
            # inside every limit: the region as it is, never upscaled
            (1200, 800, LIMITS, (1200, 800)),
            (10, 10, LIMITS, (10, 10)),
            # the width limit, then the height limit
            (8000, 4000, LIMITS, (4000, 2000)),
            (4000, 8000, LIMITS, (2000, 4000)),
            (6000, 4001, Limits(3000, 1000, 10**9), (1500, 1000)),
            # the area limit: the largest size of that aspect ratio inside it
            (1200, 800, Limits(4000, 4000, 500_000), (866, 577)),
            (4000, 4000, LIMITS, (3464, 3464)),
            # rounding half up would step over the area limit (687 × 583 = 400,521): rounded down
            (824, 699, Limits(800, 600, 400_000), (686, 582)),
            # a sliver keeps at least one pixel
            (3, 5000, Limits(800, 600, 400_000), (1, 600)),
        ],
    )
    def test_max(self, width, height, limits, expected):
        out = scaled("max", width, height, limits)
        assert out == expected
        assert limits.allow(*out)

    @pytest.mark.parametrize(
        ("width", "height", "limits", "expected"),
        [
            (600, 400, LIMITS, (4000, 2667)),
            (1000, 1000, LIMITS, (3464, 3464)),
            (1200, 800, Limits(800, 600, 400_000), (775, 516)),
            (8000, 4000, LIMITS, (4000, 2000)),
            (286, 416, Limits(412, 600, 10**9), (412, 599)),
        ],
    )
    def test_upscaled_max(self, width, height, limits, expected):
        out = scaled("^max", width, height, limits)
        assert out == expected
        assert limits.allow(*out)


class TestRotation:
    """https://iiif.io/api/image/3.0/#43-rotation"""

    @pytest.mark.parametrize(
        ("rotation", "mirror", "degrees"),
        [
            ("0", False, 0.0),
            ("90", False, 90.0),
            ("180", False, 180.0),
            ("270", False, 270.0),
            ("22.5", False, 22.5),
            ("0.9", False, 0.9),
            ("360", False, 0.0),  # a whole turn is no turn
            ("360.0", False, 0.0),
            ("359.99", False, 359.99),
            ("!0", True, 0.0),
            ("!180", True, 180.0),
            ("!345", True, 345.0),
            ("!360", True, 0.0),
        ],
    )
    def test_forms(self, rotation, mirror, degrees):
        request = parse("full", "max", rotation, "default.jpg", FORMATS)
        assert (request.mirror, request.rotation) == (mirror, degrees)

    @pytest.mark.parametrize(
        "rotation",
        [
            "twelve",
            "361",
            "360.01",
            "-90",
            "+90",
            "!!90",
            "!",
            "90!",
            "1e2",
            "nan",
            "inf",
            "9" * 40,
        ],
    )
    def test_errors(self, rotation):
        message = refused(parse, "full", "max", rotation, "default.jpg", FORMATS)
        expected = "rotation: expected n or !n, n a finite decimal number from 0 to 360"
        assert message == f"{expected}, not {rotation!r}."


class TestQualityAndFormat:
    """https://iiif.io/api/image/3.0/#44-quality and #45-format"""

    @pytest.mark.parametrize("quality", QUALITIES)
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_every_quality_in_every_format(self, quality, fmt):
        request = parse("full", "max", "0", f"{quality}.{fmt}", FORMATS)
        assert (request.quality, request.format) == (quality, fmt)

    @pytest.mark.parametrize("quality", ["grey", "native", "sepia", "Default", "default.jpg"])
    def test_unknown_qualities(self, quality):
        message = refused(parse, "full", "max", "0", f"{quality}.png", FORMATS)
        assert message == (f"quality: expected default, color, gray or bitonal, not {quality!r}.")

    @pytest.mark.parametrize("fmt", ["gif", "tif", "tiff", "jp2", "pdf", "JPG", "jpeg"])
    def test_formats_not_offered(self, fmt):
        message = refused(parse, "full", "max", "0", f"default.{fmt}", FORMATS)
        assert message == f"format: {fmt!r} is not offered; use jpg, png or webp."

    def test_the_formats_are_the_servers(self):
        assert parse("full", "max", "0", "default.gif", ("gif",)).format == "gif"

    @pytest.mark.parametrize("segment", ["default", "default.", ".jpg", "."])
    def test_a_format_is_required(self, segment):
        message = refused(parse, "full", "max", "0", segment, FORMATS)
        assert message == "The request names no format (e.g. default.jpg)."


class TestParse:
    def test_a_whole_request(self):
        request = parse("pct:10,20,30,40", "^!300,200", "!22.5", "gray.webp", FORMATS)
        assert request == ImageRequest(
            region=Region(
                "pct:10,20,30,40", "percent", (Fraction(10), Fraction(20), Fraction(30), 40)
            ),
            size=Size("^!300,200", "confined", upscale=True, width=300, height=200),
            mirror=True,
            rotation=22.5,
            quality="gray",
            format="webp",
        )

    def test_the_parameters_are_checked_in_order(self):
        """Region, then size, rotation, quality, format: the first bad one is the reason."""
        assert refused(parse, "x", "y", "z", "q.gif", FORMATS).startswith("region: ")
        assert refused(parse, "full", "y", "z", "q.gif", FORMATS).startswith("size: ")
        assert refused(parse, "full", "max", "z", "q.gif", FORMATS).startswith("rotation: ")
        assert refused(parse, "full", "max", "0", "q.gif", FORMATS).startswith("quality: ")
        assert refused(parse, "full", "max", "0", "gray.gif", FORMATS).startswith("format: ")


class TestLimits:
    def test_from_settings(self, settings):
        settings.IIIF_MAX_WIDTH, settings.IIIF_MAX_HEIGHT, settings.IIIF_MAX_AREA = 10, 20, 150
        assert Limits.from_settings() == Limits(10, 20, 150)

    def test_check(self):
        limits = Limits(100, 50, 4000)
        limits.check(100, 40)
        assert refused(limits.check, 101, 1) == (
            "size: 101 × 1 pixels is larger than this server's limit of 100 × 50."
        )
        assert "larger than" in refused(limits.check, 1, 51)
        assert refused(limits.check, 100, 41) == (
            "size: 100 × 41 pixels is more than this server's limit of 4,000 pixels."
        )
