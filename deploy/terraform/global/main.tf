# What every environment shares: the image registry (replicated to the disaster-recovery
# region), the DNS zone, and the role GitHub Actions assumes (OIDC) to push images.

locals {
  tags = {
    environment = "shared"
    cost-center = var.cost_center
    project     = "pathavana"
    managed-by  = "terraform"
  }
}

provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = local.tags
  }
}

module "ecr" {
  source = "../modules/ecr"

  repositories        = ["pathavana/backend", "pathavana/web", "pathavana/postgres"]
  replication_regions = ["us-west-2"]
}

resource "aws_route53_zone" "this" {
  name    = var.domain
  comment = "Pathavana public zone"
}

resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
  # GitHub's OIDC endpoint is trusted through AWS's own CA store; the thumbprint is required by
  # the API but not used for it.
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

data "aws_iam_policy_document" "ci_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    # Only workflows on main (and release tags) may push.
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values = [
        "repo:${var.github_repository}:ref:refs/heads/main",
        "repo:${var.github_repository}:ref:refs/tags/v*",
      ]
    }
  }
}

resource "aws_iam_role" "ci_push" {
  name               = "pathavana-ci-image-push"
  assume_role_policy = data.aws_iam_policy_document.ci_assume.json
}

data "aws_iam_policy_document" "ci_push" {
  statement {
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImages",
      "ecr:DescribeImageScanFindings",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ]
    resources = module.ecr.repository_arns
  }
}

resource "aws_iam_role_policy" "ci_push" {
  name   = "push-pathavana-images"
  role   = aws_iam_role.ci_push.id
  policy = data.aws_iam_policy_document.ci_push.json
}
