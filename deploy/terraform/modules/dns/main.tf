# The public names (IPv4 and IPv6 alias records to CloudFront), the origin name CloudFront and
# the health check reach the load balancer by, and the Route 53 health check of the origin with
# an alarm. With a failover target (the disaster-recovery region's load balancer), the public
# names become failover pairs: PRIMARY to CloudFront while the origin is healthy, SECONDARY to the
# recovery region when it is not (IPv4 only: the load balancer has no IPv6 address).

locals {
  failover = var.failover_target != null
  types    = local.failover ? ["A"] : ["A", "AAAA"]
  records = {
    for pair in setproduct(var.names, local.types) : "${pair[0]}-${pair[1]}" => {
      name = pair[0]
      type = pair[1]
    }
  }
}

# origin.<public name> -> the ingress controller's load balancer. The ingress serves this name
# (deploy/k8s/base/ingress.yaml) with the backend's readiness only, and cert-manager certifies it.
resource "aws_route53_record" "origin" {
  zone_id = var.zone_id
  name    = var.origin_name
  type    = "CNAME"
  ttl     = 60
  records = [var.origin_target]
}

# The origin as Route 53 sees it from several regions: HTTPS, the backend's readiness (its
# database and Redis answer). Checking the origin name, not the public one, keeps the check on
# the primary region even after the public names have failed over.
resource "aws_route53_health_check" "origin" {
  fqdn              = var.origin_name
  port              = 443
  type              = "HTTPS"
  resource_path     = var.health_check_path
  enable_sni        = true
  request_interval  = 30
  failure_threshold = 3
  measure_latency   = true
  regions           = ["us-east-1", "us-west-1", "us-west-2", "eu-west-1"]

  tags = { Name = "${var.origin_name}${var.health_check_path}" }
}

# Health check metrics live in us-east-1, where this module is applied.
resource "aws_cloudwatch_metric_alarm" "origin" {
  count = var.alarm_topic_arn == null ? 0 : 1

  alarm_name          = "${var.origin_name}-unhealthy"
  alarm_description   = "Route 53 cannot reach ${var.origin_name}${var.health_check_path} (docs/runbooks/availability.md#pathavanaendpointdown)."
  namespace           = "AWS/Route53"
  metric_name         = "HealthCheckStatus"
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 3
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]

  dimensions = {
    HealthCheckId = aws_route53_health_check.origin.id
  }
}

resource "aws_route53_record" "this" {
  for_each = local.records

  zone_id         = var.zone_id
  name            = each.value.name
  type            = each.value.type
  set_identifier  = local.failover ? "primary" : null
  health_check_id = local.failover ? aws_route53_health_check.origin.id : null

  dynamic "failover_routing_policy" {
    for_each = local.failover ? ["PRIMARY"] : []
    content {
      type = failover_routing_policy.value
    }
  }

  alias {
    name                   = var.target_domain_name
    zone_id                = var.target_zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "secondary" {
  for_each = local.failover ? local.records : {}

  zone_id        = var.zone_id
  name           = each.value.name
  type           = each.value.type
  set_identifier = "secondary"

  failover_routing_policy {
    type = "SECONDARY"
  }

  alias {
    name                   = var.failover_target.domain_name
    zone_id                = var.failover_target.zone_id
    evaluate_target_health = true
  }
}
