"""Checks operation outputs, as the AWS CLI parsed them, against botocore's output shapes
(botocore/data/<service>/<version>/service-2.json): every required member present, every member
known to the shape, every value of its shape's type, every enum value one the model lists.

Input (stdin): one JSON object per line, {"id", "service" (botocore name), "operation", "output"}.
Output (stdout): one JSON object per line, {"id", "problems": ["path: what is wrong", ...]}.
"""

import json
import sys

import botocore.session

SESSION = botocore.session.get_session()
MODELS = {}


def model(service):
    if service not in MODELS:
        MODELS[service] = SESSION.get_service_model(service)
    return MODELS[service]


def check(shape, value, path, problems):
    if value is None:  # the CLI prints an absent scalar (S3's LocationConstraint) as null
        return
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected an object ({shape.name}), got {type(value).__name__}")
            return
        for name in shape.required_members:
            if name not in value:
                problems.append(f"{path}.{name}: required by {shape.name} but missing")
        for name, child in value.items():
            if name not in shape.members:
                problems.append(f"{path}.{name}: not a member of {shape.name}")
                continue
            check(shape.members[name], child, f"{path}.{name}", problems)
    elif kind == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: expected a list ({shape.name}), got {type(value).__name__}")
            return
        for position, child in enumerate(value):
            check(shape.member, child, f"{path}[{position}]", problems)
    elif kind == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: expected a map ({shape.name})")
            return
        for key, child in value.items():
            check(shape.value, child, f"{path}.{key}", problems)
    elif kind == "string":
        if shape.name == "policyDocumentType" and isinstance(value, dict):
            return  # the CLI decodes IAM's URL-encoded policy documents into JSON before printing them
        if not isinstance(value, str):
            problems.append(f"{path}: expected a string ({shape.name}), got {type(value).__name__}")
        elif shape.enum and value not in shape.enum:
            problems.append(f"{path}: {value!r} is not one of {shape.name}'s values")
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{path}: expected an integer ({shape.name}), got {value!r}")
    elif kind in ("float", "double"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{path}: expected a number ({shape.name}), got {value!r}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: expected a boolean ({shape.name}), got {value!r}")
    elif kind == "timestamp":
        if not isinstance(value, (str, int, float)):
            problems.append(f"{path}: expected a timestamp ({shape.name}), got {value!r}")
    # blob and document: any JSON value the CLI printed


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        output_shape = model(case["service"]).operation_model(case["operation"]).output_shape
        problems = []
        if output_shape is not None:
            check(output_shape, case["output"], case["operation"], problems)
        sys.stdout.write(json.dumps({"id": case["id"], "problems": problems}) + "\n")


if __name__ == "__main__":
    main()
