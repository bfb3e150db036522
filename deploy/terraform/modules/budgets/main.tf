# A monthly AWS Budget per environment, filtered by the environment cost-allocation tag, that
# emails at 50 / 80 / 100 % of actual spend and when the forecast passes 100 %; and a Cost
# Anomaly Detection monitor over the same tag, which emails a daily summary of unusual spending
# (the platform document's "Cost Anomaly Detection") once an anomaly's impact passes a threshold.
# Activate the "environment" tag as a cost allocation tag once (docs/deploy.md).

resource "aws_budgets_budget" "this" {
  name         = "pathavana-${var.environment}-monthly"
  budget_type  = "COST"
  limit_amount = format("%.2f", var.monthly_limit_usd)
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  cost_filter {
    name   = "TagKeyValue"
    values = [format("user:environment$%s", var.environment)]
  }

  dynamic "notification" {
    for_each = toset(var.thresholds_percent)
    content {
      comparison_operator        = "GREATER_THAN"
      threshold                  = notification.value
      threshold_type             = "PERCENTAGE"
      notification_type          = "ACTUAL"
      subscriber_email_addresses = var.alert_emails
    }
  }

  notification {
    comparison_operator        = "GREATER_THAN"
    threshold                  = 100
    threshold_type             = "PERCENTAGE"
    notification_type          = "FORECASTED"
    subscriber_email_addresses = var.alert_emails
  }
}

resource "aws_ce_anomaly_monitor" "this" {
  name         = "pathavana-${var.environment}"
  monitor_type = "CUSTOM"

  # The environment's resources, by the same cost-allocation tag as the budget.
  monitor_specification = jsonencode({
    And            = null
    CostCategories = null
    Dimensions     = null
    Not            = null
    Or             = null
    Tags = {
      Key          = "environment"
      MatchOptions = ["EQUALS"]
      Values       = [var.environment]
    }
  })
}

resource "aws_ce_anomaly_subscription" "this" {
  name             = "pathavana-${var.environment}-anomalies"
  frequency        = "DAILY"
  monitor_arn_list = [aws_ce_anomaly_monitor.this.arn]

  dynamic "subscriber" {
    for_each = toset(var.alert_emails)
    content {
      type    = "EMAIL"
      address = subscriber.value
    }
  }

  threshold_expression {
    dimension {
      key           = "ANOMALY_TOTAL_IMPACT_ABSOLUTE"
      match_options = ["GREATER_THAN_OR_EQUAL"]
      values        = [format("%.2f", var.anomaly_threshold_usd)]
    }
  }
}
