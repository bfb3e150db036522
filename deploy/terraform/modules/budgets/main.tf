# A monthly AWS Budget per environment, filtered by the environment cost-allocation tag, that
# emails at 50 / 80 / 100 % of actual spend and when the forecast passes 100 %.
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
